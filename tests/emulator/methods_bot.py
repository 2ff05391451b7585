"""Bot-level methods: identity, updates, webhooks, commands, menu button."""

from __future__ import annotations

import json
import re
from typing import TYPE_CHECKING, Any

from .errors import ApiError, bad_request
from .registry import api_method

if TYPE_CHECKING:
    from .server import BotApiEmulator

WEBHOOK_CONFLICT = (
    "Conflict: can't use getUpdates method while webhook is active; "
    "use deleteWebhook to delete the webhook first"
)
_SECRET_RE = re.compile(r"^[A-Za-z0-9_-]{1,256}$")
_COMMAND_RE = re.compile(r"^[a-z0-9_]{1,32}$")
_SCOPES = frozenset(
    {
        "default",
        "all_private_chats",
        "all_group_chats",
        "all_chat_administrators",
        "chat",
        "chat_administrators",
        "chat_member",
    }
)
# Accepted and otherwise ignored: nothing a test could observe depends on them.
HARMLESS = (
    "setMyDescription",
    "setMyShortDescription",
    "setMyName",
    "setMyDefaultAdministratorRights",
    "pinChatMessage",
    "unpinChatMessage",
    "unpinAllChatMessages",
    "unpinAllForumTopicMessages",
    "setMessageReaction",
)


@api_method("getMe")
def get_me(emu: BotApiEmulator, params: dict[str, Any]) -> dict[str, Any]:
    return {
        **emu.world.bot_user(),
        "can_join_groups": True,
        "can_read_all_group_messages": False,
        "supports_inline_queries": False,
        "can_connect_to_business": False,
        "has_main_web_app": False,
    }


@api_method("logOut", "close")
def log_out(emu: BotApiEmulator, params: dict[str, Any]) -> bool:
    return True


@api_method(*HARMLESS)
def accept(emu: BotApiEmulator, params: dict[str, Any]) -> bool:
    return True


@api_method("getUpdates")
async def get_updates(emu: BotApiEmulator, params: dict[str, Any]) -> list[dict[str, Any]]:
    if emu.webhook is not None:
        raise ApiError(409, WEBHOOK_CONFLICT)
    limit = min(max(int(params.get("limit") or 100), 1), 100)
    timeout = max(float(params.get("timeout") or 0), 0.0)
    if params.get("allowed_updates") is not None:
        emu.set_allowed_updates(params["allowed_updates"])
    return await emu.updates.get(params.get("offset"), limit, timeout)


@api_method("setWebhook")
async def set_webhook(emu: BotApiEmulator, params: dict[str, Any]) -> bool:
    url = str(params.get("url") or "")
    if not url:
        await emu.remove_webhook(drop_pending=bool(params.get("drop_pending_updates")))
        return True
    if not url.startswith(("http://", "https://")):
        raise bad_request("bad webhook: An HTTPS URL must be provided for webhook")
    secret = params.get("secret_token")
    if secret is not None and not _SECRET_RE.match(str(secret)):
        raise bad_request("secret token contains unallowed characters")
    max_connections = int(params.get("max_connections") or 40)
    if not 1 <= max_connections <= 100:
        raise bad_request("bad webhook: max_connections must be between 1 and 100")
    if params.get("allowed_updates") is not None:
        emu.set_allowed_updates(params["allowed_updates"])
    await emu.install_webhook(
        url,
        secret_token=str(secret) if secret else None,
        max_connections=max_connections,
        drop_pending=bool(params.get("drop_pending_updates")),
    )
    return True


@api_method("deleteWebhook")
async def delete_webhook(emu: BotApiEmulator, params: dict[str, Any]) -> bool:
    await emu.remove_webhook(drop_pending=bool(params.get("drop_pending_updates")))
    return True


@api_method("getWebhookInfo")
def get_webhook_info(emu: BotApiEmulator, params: dict[str, Any]) -> dict[str, Any]:
    hook = emu.webhook
    if hook is None:
        return {
            "url": "",
            "has_custom_certificate": False,
            "pending_update_count": len(emu.updates),
        }
    info: dict[str, Any] = {
        "url": hook.url,
        "has_custom_certificate": False,
        "pending_update_count": hook.pending_count,
        "max_connections": hook.max_connections,
        "ip_address": "127.0.0.1",
    }
    if emu.allowed_updates_param is not None:
        info["allowed_updates"] = list(emu.allowed_updates_param)
    if hook.last_error_date:
        info["last_error_date"] = hook.last_error_date
        info["last_error_message"] = hook.last_error_message
    return info


def _commands_key(params: dict[str, Any]) -> tuple[str, str]:
    scope = params.get("scope") or {"type": "default"}
    if not isinstance(scope, dict) or scope.get("type") not in _SCOPES:
        raise bad_request("can't parse BotCommandScope JSON object")
    language = str(params.get("language_code") or "")
    if language and not re.fullmatch(r"[a-z]{2}", language):
        raise bad_request("invalid language code specified")
    return json.dumps(scope, sort_keys=True), language


@api_method("setMyCommands")
def set_my_commands(emu: BotApiEmulator, params: dict[str, Any]) -> bool:
    commands = params.get("commands")
    if not isinstance(commands, list):
        raise bad_request("can't parse commands JSON object")
    if len(commands) > 100:
        raise bad_request("too many commands specified")
    clean = []
    for command in commands:
        if not isinstance(command, dict) or not _COMMAND_RE.match(str(command.get("command"))):
            raise bad_request("BOT_COMMAND_INVALID")
        description = str(command.get("description") or "")
        if not 1 <= len(description) <= 256:
            raise bad_request("BOT_COMMAND_DESCRIPTION_INVALID")
        clean.append({"command": command["command"], "description": description})
    key = _commands_key(params)
    if clean:
        emu.world.commands[key] = clean
    else:
        emu.world.commands.pop(key, None)
    return True


@api_method("getMyCommands")
def get_my_commands(emu: BotApiEmulator, params: dict[str, Any]) -> list[dict[str, Any]]:
    return list(emu.world.commands.get(_commands_key(params), []))


@api_method("deleteMyCommands")
def delete_my_commands(emu: BotApiEmulator, params: dict[str, Any]) -> bool:
    emu.world.commands.pop(_commands_key(params), None)
    return True


@api_method("setChatMenuButton")
def set_chat_menu_button(emu: BotApiEmulator, params: dict[str, Any]) -> bool:
    chat_id = params.get("chat_id")
    if chat_id is not None:
        chat_id = emu.world.resolve_chat(chat_id).id
    button = params.get("menu_button") or {"type": "default"}
    if not isinstance(button, dict) or button.get("type") not in (
        "default",
        "commands",
        "web_app",
    ):
        raise bad_request("can't parse menu button JSON object")
    emu.world.menu_buttons[chat_id] = button
    return True


@api_method("getChatMenuButton")
def get_chat_menu_button(emu: BotApiEmulator, params: dict[str, Any]) -> dict[str, Any]:
    buttons = emu.world.menu_buttons
    button = buttons.get(params.get("chat_id")) or buttons.get(None) or {"type": "default"}
    return button if button.get("type") != "default" else {"type": "commands"}
