"""The parent's side of the bot: one entry point, :meth:`Conversation.handle`.

Each incoming event is handled in one database transaction: the answer is validated, the draft
saved, and only then are the replies returned for the transport to send — so nothing accepted
is lost if the process dies before or while replying.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from datetime import datetime

from sqlmodel.ext.asyncio.session import AsyncSession

from handlers import commands, flood
from handlers.clock import Clock
from handlers.dependencies import Dependencies
from handlers.desk import agents
from handlers.desk.context import DeskTurn
from handlers.desk.teams import case_facts
from handlers.events import EventKind, Incoming
from handlers.intake.context import (
    Accepted,
    Answer,
    AnswerKind,
    Ctx,
    Rejected,
    StepAnswer,
    StepName,
)
from handlers.intake.evidence import screen_media
from handlers.intake.prompting import (
    choice_values,
    question,
    refusal,
    typed_choice,
)
from handlers.intake.steps import BY_NAME, Step, next_step
from handlers.intake.submit import submit_draft
from handlers.languages import detect_language
from handlers.orders import linking
from handlers.reading import offer
from handlers.replies import AnswerButton, Msg, Outgoing
from handlers.turn import Turn
from storage.conflicts import is_conflict
from storage.database import Database
from storage.models import Draft, DraftStatus
from storage.repositories import drafts, preload, users

log = logging.getLogger(__name__)


#: Runs inside the event's transaction with the replies (see :meth:`Conversation.handle`).
Finish = Callable[[AsyncSession, list[Outgoing]], Awaitable[None]]

#: How many times an event is handled again after losing a race on a case (see
#: :mod:`storage.conflicts`); each attempt re-reads everything it decides on.
CONFLICT_ATTEMPTS = 5

_UNREADABLE = {
    EventKind.STICKER: "error-sticker",
    EventKind.VOICE: "error-voice",
    EventKind.OTHER: "error-unsupported",
}


class Conversation:
    """Routes a parent's events: commands, global buttons, or an answer to the current step."""

    def __init__(self, *, database: Database, clock: Clock, deps: Dependencies) -> None:
        self.database = database
        self.clock = clock
        self.deps = deps
        #: Called each time an event is handled again after a conflict (a metric, in bot/).
        self.on_conflict: Callable[[], None] = lambda: None

    async def handle(self, event: Incoming, *, finish: Finish | None = None) -> list[Outgoing]:
        """Handle one event in one transaction and return what to send.

        ``finish`` runs inside the same transaction, after the core's changes and before the
        commit: transports use it to mark the update processed and queue the replies, so
        "handled" and "answered" can never disagree after a crash.

        When a case the event changes was changed by another transaction after this one read
        it, the whole transaction is rolled back and the event handled again from the start,
        on fresh data (so a decided case is never put back "in review", a case is never
        decided twice). ``finish`` may therefore run more than once; only the last run's
        transaction commits.
        """
        for attempt in range(1, CONFLICT_ATTEMPTS + 1):
            try:
                return await self._handle_once(event, finish)
            except Exception as exc:
                if not is_conflict(exc) or attempt == CONFLICT_ATTEMPTS:
                    raise
                self.on_conflict()
                log.info(
                    "chat %s: a case changed meanwhile; handling message %s again (attempt %d)",
                    event.chat_id,
                    event.message_id,
                    attempt + 1,
                )
        raise AssertionError("unreachable")

    async def _handle_once(self, event: Incoming, finish: Finish | None) -> list[Outgoing]:
        now = self.clock.now()
        async with self.database.unit_of_work() as session:
            out: list[Outgoing] = []
            desk = self.deps.desk
            team = desk.for_chat(event.chat_id) if desk.enabled else None
            if team is not None:
                desk_turn = DeskTurn(session, event, now, team, self.deps)
                await agents.handle(desk_turn)
                out = desk_turn.out
            elif event.is_private:
                turn = await self._turn(session, event, now)
                user = turn.user
                verdict = flood.judge(user, now, self.deps.intake.flood_per_minute)
                if verdict.handle:
                    out = await self._private(turn)
                else:  # over the flood limit: not handled, still marked processed by finish
                    out = flood.dropped(event, user, verdict)
                flood.record(user, verdict)
            if finish is not None:
                await finish(session, out)
        return out

    async def _private(self, turn: Turn) -> list[Outgoing]:
        await self._route(turn)
        event = turn.event
        if event.kind is EventKind.BUTTON and event.callback_id:
            turn.out.insert(0, AnswerButton(event.callback_id, turn.user.language))
        return turn.out

    async def _turn(self, session: AsyncSession, event: Incoming, now: datetime) -> Turn:
        # One statement: the user, and their open draft and its file count, for the turn.
        loaded = await preload.user_with_open_draft(session=session, user_id=event.sender.user_id)
        if loaded is not None:
            turn = Turn(session, event, loaded.user, now, self.deps, draft=loaded.draft)
            if loaded.draft is not None and loaded.draft.id is not None:
                turn.files[loaded.draft.id] = loaded.files
            return turn
        policy = self.deps.intake
        language = detect_language(event.sender.language_code, policy.default_language)
        user = await users.create_user(
            session=session,
            user_id=event.sender.user_id,
            language=language,
            timezone=policy.timezone_for(language, event.sender.language_code),
            now=now,  # no name: nothing personal is kept before consent, nor needed after
        )
        return Turn(session, event, user, now, self.deps, draft=None)

    async def _route(self, turn: Turn) -> None:
        event = turn.event
        if event.kind is EventKind.COMMAND:
            await commands.run_command(turn, event.command or "", event.payload or "")
            return
        # Buttons that are not answers to a step (False: none of the features' kinds).
        if event.kind is EventKind.BUTTON and await commands.PRESSES.dispatch(
            turn, event.payload or ""
        ):
            return
        draft = await turn.open_draft()
        if draft is None:
            await commands.without_draft(turn)
        elif event.edited:
            ctx = await turn.context(draft)
            parts, buttons = refusal(ctx, BY_NAME[ctx.step], (Msg("error-edited"),))
            turn.say(*parts, buttons=buttons)
        else:
            await answer_step(turn, draft)


async def answer_step(turn: Turn, draft: Draft) -> None:
    ctx = await turn.context(draft)
    step = BY_NAME[ctx.step]
    answer = _read_answer(turn, ctx, step)
    if isinstance(answer, Rejected):
        if turn.event.kind is EventKind.MEDIA and ctx.answers.get("consent"):
            answer = await _keep_aside(turn, draft, ctx)
        parts, buttons = refusal(ctx, step, answer.reasons)
        turn.say(*parts, buttons=buttons)
        return
    outcome = step.accept(ctx, answer)
    if isinstance(outcome, Rejected):
        parts, buttons = refusal(ctx, step, outcome.reasons)
        turn.say(*parts, buttons=buttons)
        return
    await _advance(turn, draft, ctx, step, outcome)


async def _advance(turn: Turn, draft: Draft, ctx: Ctx, step: Step, outcome: Accepted) -> None:
    if outcome.timezone:  # where the parent said they are (the intake's question): for good
        turn.user.timezone = outcome.timezone
        turn.user.timezone_chosen_at = turn.now
    if ctx.answers.get("consent") and (turn.user.consented_at is None or step.name == "consent"):
        turn.user.consented_at = turn.now  # when, and to which notice, the parent agreed
        turn.user.consent_version = turn.aftercare.notice_version
    if outcome.store_media:
        await turn.store_media(draft, outcome.store_media)
        ctx.evidence_count += len(outcome.store_media)
    assert draft.id is not None
    if outcome.cancel or outcome.submit:
        await turn.planner.draft_closed(turn.session, draft.id, turn.now)
    else:  # reminders count from the last answer (#14), not from /start
        await turn.planner.draft_answered(turn.session, draft.id, turn.user.timezone, turn.now)
    if outcome.cancel:
        drafts.close_draft(draft, status=DraftStatus.CANCELLED, now=turn.now)
        turn.say(*outcome.notes)
        return
    if outcome.submit:
        case = await submit_draft(
            session=turn.session, draft=draft, ctx=ctx, user_id=turn.user.id, now=turn.now
        )
        case.team = turn.desk.route(case_facts(case, ctx.transactions))
        linked = await linking.match_case(turn.session, case, turn.now, turn.desk.orders)
        await turn.planner.case_submitted(turn.session, case, turn.now)
        log.info("case %s submitted from draft %s", case.reference, draft.id)
        turn.say(
            Msg("submitted", {"reference": case.reference}),
            Msg("submitted-timeline", {"days": turn.sla.first_decision_working_days}),
            *linking.parent_notes(linked),  # an order refunded already: check the statement
        )
        return
    following = BY_NAME[outcome.goto] if outcome.goto else next_step(ctx, step.name)
    parts, buttons = question(ctx, following)
    drafts.save_draft(
        draft, step=following.name, answers=ctx.answers, cursor=ctx.cursor, now=turn.now
    )
    turn.say(*outcome.notes, *parts, buttons=buttons)
    if following.name is StepName.TX_AMOUNT:  # a screenshot read earlier, offered now (#16)
        turn.out.extend(await offer.waiting_offer(turn.session, draft, ctx, turn.event.chat_id))


def _read_answer(turn: Turn, ctx: Ctx, step: Step) -> Answer | Rejected:
    """Tell apart a button press, typed text and an upload, refusing what the step can't take."""
    event = turn.event
    if event.kind is EventKind.BUTTON:
        pressed = StepAnswer.unpack(event.payload or "")
        if (
            pressed is None
            or pressed.draft_id != ctx.draft_id
            or pressed.step is not step.name
            or pressed.choice not in choice_values(ctx, step)
        ):
            return Rejected.because("error-stale-button")
        return Answer(AnswerKind.CHOICE, choice=pressed.choice)
    if event.kind is EventKind.TEXT:
        choice = typed_choice(ctx, step, event.text, turn.label_text)
        if choice is not None:
            return Answer(AnswerKind.CHOICE, choice=choice)
        if AnswerKind.TEXT not in step.takes:
            return Rejected.because("error-use-buttons")
        text = event.text.strip()
        limit = (
            turn.policy.max_description_length if step.long_text else turn.policy.max_text_length
        )
        if not text:
            return Rejected.because("error-empty-answer")
        if len(text) > limit:
            return Rejected.because("error-text-too-long", length=len(text), max=limit)
        return Answer(AnswerKind.TEXT, text=text)
    if event.kind is EventKind.MEDIA:
        if AnswerKind.MEDIA in step.takes:
            return Answer(AnswerKind.MEDIA, media=event.media)
        return Rejected.because("error-media-here")
    return Rejected.because(_UNREADABLE.get(event.kind, "error-unsupported"))


async def _keep_aside(turn: Turn, draft: Draft, ctx: Ctx) -> Rejected:
    """A file sent where text was asked is kept as evidence, not thrown away."""
    kept, problems = screen_media(ctx, turn.event.media)
    if kept:
        await turn.store_media(draft, kept)
        ctx.evidence_count += len(kept)
        return Rejected((*problems, Msg("evidence-kept-aside", {"count": len(kept)})))
    return Rejected(problems or (Msg("error-media-here"),))
