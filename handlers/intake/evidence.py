"""Screenshots and documents: several messages or albums, a Done button, or "I have none"."""

from __future__ import annotations

from babel.numbers import format_decimal

from handlers.bounds import column_length
from handlers.events import Media, MediaKind
from handlers.intake.context import Accepted, Answer, AnswerKind, Ctx, Outcome, Rejected
from handlers.intake.transactions import payment_record
from handlers.languages import BABEL_LOCALE
from handlers.policy import IntakePolicy
from handlers.replies import Msg
from storage.models import Evidence

Rows = list[list[tuple[str, Msg]]]
_FILE_ID = column_length(Evidence, "telegram_file_id")
_UNIQUE_ID = column_length(Evidence, "file_unique_id")


def megabytes(size: int, language: str) -> str:
    return format_decimal(size / (1024 * 1024), "#,##0.#", locale=BABEL_LOCALE[language])


def _ids_fit(item: Media) -> bool:
    """Telegram's ids for the file fit their columns (cut, they would name no file at all)."""
    return len(item.file_id or "") <= _FILE_ID and len(item.file_unique_id or "") <= _UNIQUE_ID


def screen_media(ctx: Ctx, media: tuple[Media, ...]) -> tuple[tuple[Media, ...], tuple[Msg, ...]]:
    """Split uploads into those we keep and translated reasons for the ones we refuse."""
    return screen_uploads(ctx.policy, ctx.language, ctx.evidence_count, media)


def screen_uploads(
    policy: IntakePolicy, language: str, already: int, media: tuple[Media, ...]
) -> tuple[tuple[Media, ...], tuple[Msg, ...]]:
    """:func:`screen_media` outside an intake (an appeal's new files): ``already`` files held."""
    kept: list[Media] = []
    problems: list[Msg] = []
    room = policy.max_evidence - already
    for item in media:
        name = item.file_name or ""
        mime = item.mime_type or ""
        if (
            item.kind is MediaKind.DOCUMENT and not mime.startswith(policy.accepted_mime_prefixes)
        ) or not _ids_fit(item):
            problems.append(Msg("error-file-type", {"name": name or mime or "?"}))
        elif item.size is not None and item.size > policy.max_file_bytes:
            problems.append(
                Msg(
                    "error-file-size",
                    {
                        "name": name or "?",
                        "size": megabytes(item.size, language),
                        "limit": megabytes(policy.max_file_bytes, language),
                    },
                )
            )
        elif len(kept) >= room:
            problems.append(Msg("error-evidence-max", {"max": policy.max_evidence}))
            break
        else:
            kept.append(item)
    return tuple(kept), tuple(problems)


def ask_evidence(ctx: Ctx) -> tuple[Msg, ...]:
    """Before any file, what to send and where to find it for the way it was paid, and no word
    of "Done" (its button comes with the first file); after, how many and "Done"."""
    if ctx.evidence_count:
        return (Msg("evidence-count", {"count": ctx.evidence_count}),)
    return (Msg("ask-evidence", {"record": payment_record(ctx)}),)


def evidence_choices(ctx: Ctx) -> Rows:
    if ctx.evidence_count:
        return [[("done", Msg("button-evidence-done"))]]
    return [[("none", Msg("button-no-evidence"))]]


def evidence_answered(ctx: Ctx) -> bool:
    return bool(ctx.cursor.get("evidence_done"))


def accept_evidence(ctx: Ctx, answer: Answer) -> Outcome:
    if answer.kind is AnswerKind.MEDIA:
        kept, problems = screen_media(ctx, answer.media)
        if not kept:
            return Rejected(problems)
        return Accepted(store_media=kept, notes=problems, goto=ctx.step)
    if answer.kind is AnswerKind.TEXT:  # what to do next, with the buttons there are now
        if ctx.evidence_count:
            return Rejected.because("error-evidence-text-more")
        return Rejected.because("error-evidence-text")
    if answer.choice == "done":
        if not ctx.evidence_count:
            return Rejected.because("error-evidence-none")
        ctx.answers["no_evidence"] = False
    elif answer.choice == "none":
        if ctx.evidence_count:
            return Rejected.because("error-stale-button")
        ctx.answers["no_evidence"] = True
    ctx.cursor["evidence_done"] = True
    return Accepted()
