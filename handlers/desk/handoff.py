"""What the hand-off of a case to the agents' group consists of: its topic, its card, its
evidence. The Telegram side (``bot/telegram/handoff.py``) performs the steps and records ids.

A large set of evidence (more than ``MAX_FILES_AT_HANDOFF`` files came with the claim) is not
posted at hand-off: each album item counts as one of the group's messages, so the card offers
"📎 Show N files" instead and :func:`files_on_demand` posts them when it is pressed."""

from __future__ import annotations

from handlers.case.card import card_buttons, card_parts, topic_name
from handlers.case.view import CaseView, files_deferred, postable_files
from handlers.events import Media, MediaKind
from handlers.policy import DeskPolicy
from handlers.replies import CreateTopic, Msg, Reply, SendMedia


def topic_request(view: CaseView, desk: DeskPolicy) -> CreateTopic:
    assert desk.chat_id is not None
    return CreateTopic(desk.chat_id, desk.language, topic_name(view, desk.language))


def card(view: CaseView, desk: DeskPolicy) -> Reply:
    assert desk.chat_id is not None
    return Reply(
        desk.chat_id,
        desk.language,
        card_parts(view, desk),
        card_buttons(view, desk),
        thread_id=view.case.topic_id,
    )


def evidence(view: CaseView, desk: DeskPolicy) -> SendMedia | None:
    """The screenshots as albums (documents separately), in the case's thread — or None when
    there are none, or so many that they wait for the card's button."""
    assert desk.chat_id is not None
    if files_deferred(view):
        return None
    media = _media(view)
    if not media:
        return None
    case = view.case
    reply_to = None if case.topic_id else case.card_message_id
    return SendMedia(
        desk.chat_id,
        desk.language,
        media,
        _caption(view, len(media)),
        thread_id=case.topic_id,
        reply_to=reply_to,
    )


def files_on_demand(view: CaseView, desk: DeskPolicy) -> SendMedia | None:
    """All the case's files, posted to its thread because an agent pressed "📎 Show N files"
    (routed at sending time, like any message for the case)."""
    assert desk.chat_id is not None
    media = _media(view)
    if not media:
        return None
    caption = _caption(view, len(media))
    return SendMedia(desk.chat_id, desk.language, media, caption, case_id=view.case.id)


def _media(view: CaseView) -> tuple[Media, ...]:
    return tuple(
        Media(
            MediaKind(item.kind),
            file_id=item.telegram_file_id,
            file_name=item.file_name,
            mime_type=item.mime_type,
            size=item.size,
        )
        for item in postable_files(view)
    )


def _caption(view: CaseView, count: int) -> Msg:
    return Msg("desk-evidence-caption", {"reference": view.case.reference, "count": count})
