"""What the hand-off of a case to the agents' group consists of: its topic, its card, its
evidence. The Telegram side (``bot/telegram/handoff.py``) performs the steps and records ids."""

from __future__ import annotations

from handlers.desk.card import CaseView, card_buttons, card_parts, topic_name
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
        card_buttons(view),
        thread_id=view.case.topic_id,
    )


def evidence(view: CaseView, desk: DeskPolicy) -> SendMedia | None:
    """The screenshots as albums (documents separately), in the case's thread."""
    assert desk.chat_id is not None
    media = tuple(
        Media(
            MediaKind(item.kind),
            file_id=item.telegram_file_id,
            file_name=item.file_name,
            mime_type=item.mime_type,
            size=item.size,
        )
        for item in view.evidence
        if item.telegram_file_id
    )
    if not media:
        return None
    case = view.case
    caption = Msg("desk-evidence-caption", {"reference": case.reference, "count": len(media)})
    reply_to = None if case.topic_id else case.card_message_id
    return SendMedia(
        desk.chat_id, desk.language, media, caption, thread_id=case.topic_id, reply_to=reply_to
    )
