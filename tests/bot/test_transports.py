"""Both framework transports against the emulator over real HTTP: updates in, every kind of
call out, and Telegram's errors mapped the same way."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from bot.aiogram_transport import AiogramTransport
from bot.files import FileTooLarge
from bot.ptb_transport import PtbTransport
from bot.telegram.calls import render_calls
from bot.telegram.errors import Permanent, RetryLater, Transient
from bot.telegram.transport import TelegramTransport
from handlers.events import EventKind, Media, MediaKind
from handlers.replies import CreateTopic, EditMessage, Msg, Reply, SendMedia
from tests.emulator import BotApiEmulator

TRANSPORTS = {"ptb": PtbTransport, "aiogram": AiogramTransport}


@pytest.fixture(params=list(TRANSPORTS))
async def wired(request) -> AsyncIterator[tuple[BotApiEmulator, TelegramTransport]]:
    async with BotApiEmulator() as emulator:
        transport = TRANSPORTS[request.param](emulator.token, emulator.base_url, poll_timeout=1)
        identity = await transport.open()
        assert identity.id == emulator.bot_id
        try:
            yield emulator, transport
        finally:
            await transport.close()


async def _next_updates(transport: TelegramTransport, count: int) -> list[dict]:
    updates: list[dict] = []
    offset = None
    while len(updates) < count:
        batch = await transport.get_updates(offset, 1)
        updates.extend(batch)
        if batch:
            offset = batch[-1]["update_id"] + 1
    return updates


async def test_updates_become_the_cores_events(wired):
    emulator, transport = wired
    user = emulator.make_user("Ana", language_code="zh-hant")
    group = emulator.make_forum_group("Support")
    topic = emulator.make_topic(group, "K7QM4")
    emulator.inject_command(user, "/start", "douyin", mention_bot=True)
    emulator.inject_photo(user, caption="receipt", sizes=3)
    emulator.inject_document(user, "bill.pdf", "application/pdf", 120_000)
    emulator.inject_text(user, "in the topic", chat=group, thread_id=topic.thread_id)
    sent = emulator.inject_text(user, "first")
    emulator.inject_edited_text(user, sent["message"]["message_id"], "second")
    emulator.inject_sticker(user)
    emulator.inject_voice(user)
    raw = await _next_updates(transport, 8)
    events = [transport.to_incoming(update) for update in raw]
    start, photo, document, topic_text, _, edited, sticker, voice = events
    assert (start.kind, start.command, start.payload) == (EventKind.COMMAND, "start", "douyin")
    assert start.sender.language_code == "zh-hant" and start.is_private
    assert photo.kind is EventKind.MEDIA and photo.text == "receipt"
    largest = raw[1]["message"]["photo"][-1]
    assert photo.media[0].file_id == largest["file_id"]
    assert photo.media[0].kind is MediaKind.PHOTO
    assert document.media[0].mime_type == "application/pdf"
    assert document.media[0].size == 120_000 and document.media[0].file_name == "bill.pdf"
    assert topic_text.thread_id == topic.thread_id and not topic_text.is_private
    assert edited.edited and edited.text == "second"
    assert sticker.kind is EventKind.STICKER and voice.kind is EventKind.VOICE


async def test_every_outgoing_kind_reaches_telegram(wired, localizer):
    emulator, transport = wired
    user = emulator.make_user("Ben", language_code="en")
    group = emulator.make_forum_group("Agents")
    photos = []
    for _ in range(12):
        update = emulator.inject_photo(user)
        photos.append(Media(MediaKind.PHOTO, file_id=update["message"]["photo"][-1]["file_id"]))
    pdf = emulator.inject_document(user, "a.pdf", "application/pdf", 1000)
    document = Media(MediaKind.DOCUMENT, file_id=pdf["message"]["document"]["file_id"])

    topic_call = render_calls(
        localizer, [CreateTopic(group.id, "en", Msg("platform-custom", {"name": "K7QM4 · X"}))]
    )
    created = await transport.call(topic_call[0][1], topic_call[0][2])
    thread = created["message_thread_id"]
    outgoing = [
        Reply(
            group.id,
            "en",
            (Msg("review-description", {"value": "<b>x</b> & y"}),),
            thread_id=thread,
        ),
        SendMedia(group.id, "en", (*photos, document), Msg("button-evidence-done"), thread),
    ]
    results = [
        await transport.call(method, params)
        for _, method, params in render_calls(localizer, outgoing)
    ]
    methods = [c.method for c in emulator.calls if c.method != "getMe"]
    assert methods[-4:] == ["sendMessage", "sendMediaGroup", "sendMediaGroup", "sendDocument"]
    groups = emulator.calls_of("sendMediaGroup")
    assert [len(c.params["media"]) for c in groups] == [10, 2]
    assert all(str(c.params.get("message_thread_id")) == str(thread) for c in groups)
    assert "&lt;b&gt;x&lt;/b&gt; &amp; y" in emulator.calls_of("sendMessage")[-1].params["text"]

    message_id = results[0]["message_id"]
    edit = EditMessage(group.id, message_id, "en", (Msg("review-header"),))
    _, method, params = render_calls(localizer, [edit])[0]
    await transport.call(method, params)
    assert emulator.calls_of("editMessageText")[-1].status == 200


async def test_errors_map_to_what_delivery_needs(wired):
    emulator, transport = wired
    user = emulator.make_user("Cy")
    emulator.inject_text(user, "hi")  # opens the private chat
    params = {"chat_id": user.id, "text": "hello"}
    emulator.fail_next("sendMessage", status=429, retry_after=3)
    with pytest.raises(RetryLater) as wait:
        await transport.call("sendMessage", params)
    assert wait.value.seconds == 3
    emulator.fail_next("sendMessage", status=502)
    with pytest.raises(Transient):
        await transport.call("sendMessage", params)
    emulator.drop_next("sendMessage")
    with pytest.raises(Transient):
        await transport.call("sendMessage", params)
    with pytest.raises(Permanent, match="parse entities"):
        await transport.call("sendMessage", {**params, "text": "<b>oops", "parse_mode": "HTML"})
    emulator.block_bot(user)
    with pytest.raises(Permanent):
        await transport.call("sendMessage", params)


async def test_localized_command_menus(wired, localizer):
    emulator, transport = wired
    await transport.set_commands([("start", "Commencer")], "fr")
    call = emulator.calls_of("setMyCommands")[-1]
    assert call.params["language_code"] == "fr"


async def test_the_desk_check_names_the_missing_right(wired):
    from bot.telegram.desk_check import DeskProblem, check_desk
    from handlers.policy import DeskPolicy
    from tests.emulator import BotRights

    emulator, transport = wired
    forum = emulator.make_forum_group("Agents")
    assert await check_desk(transport, DeskPolicy(chat_id=forum.id), emulator.bot_id) is True
    plain = emulator.make_group("Agents without topics")
    assert await check_desk(transport, DeskPolicy(chat_id=plain.id), emulator.bot_id) is False
    weak = emulator.make_forum_group("Weak", bot_rights=BotRights(can_manage_topics=False))
    with pytest.raises(DeskProblem, match="manage topics"):
        await check_desk(transport, DeskPolicy(chat_id=weak.id), emulator.bot_id)
    gone = emulator.make_forum_group("Gone", bot_rights=BotRights(status="left"))
    with pytest.raises(DeskProblem, match=r"not a member|cannot see"):
        await check_desk(transport, DeskPolicy(chat_id=gone.id), emulator.bot_id)


async def test_a_download_arrives_whole_and_one_over_the_limit_is_refused_unfetched(wired):
    emulator, transport = wired
    receipt = emulator.world.files.register(
        "document", size=0, mime_type="application/pdf", data=b"%PDF-1.4\n" + b"x" * 5000
    )
    assert await transport.download(receipt.file_id, max_bytes=10_000) == receipt.data
    del emulator.world.files.by_path[receipt.file_path]  # fetching it now would be a 404
    with pytest.raises(FileTooLarge) as refused:
        await transport.download(receipt.file_id, max_bytes=1000)
    assert refused.value.size == len(receipt.data)  # told by getFile, never fetched
