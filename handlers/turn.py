"""One event's handling: the session, the person, the clock reading and the replies so far."""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING

from sqlmodel.ext.asyncio.session import AsyncSession

from handlers.events import Incoming, Media
from handlers.intake.context import Ctx, StepName
from handlers.intake.prompting import LabelText, question
from handlers.intake.steps import BY_NAME
from handlers.policy import AftercarePolicy, DeskPolicy, IntakePolicy
from handlers.replies import Button, Msg, Outgoing, Reply
from storage.models import Draft, Evidence, User
from storage.repositories import evidence

if TYPE_CHECKING:
    from handlers.followups.planner import Planner


def evidence_row(
    item: Media, *, group: str | None, draft_id: int | None = None, case_id: int | None = None
) -> Evidence:
    """A file a parent sent, as the evidence row of a draft or (in an appeal) of a case."""
    return Evidence(
        draft_id=draft_id,
        case_id=case_id,
        kind=item.kind.value,
        telegram_file_id=item.file_id,
        file_unique_id=item.file_unique_id,
        local_path=item.local_path,
        file_name=item.file_name,
        mime_type=item.mime_type,
        size=item.size,
        sha256=item.sha256,
        media_group_id=group,
    )


@dataclass
class Turn:
    """Everything one event's handling needs, for one transaction."""

    session: AsyncSession
    event: Incoming
    user: User
    now: datetime
    policy: IntakePolicy
    label_text: LabelText
    desk: DeskPolicy = field(default_factory=DeskPolicy)
    planner: Planner | None = None
    aftercare: AftercarePolicy = field(default_factory=AftercarePolicy)
    out: list[Outgoing] = field(default_factory=list)

    def say(self, *parts: Msg, buttons: tuple[tuple[Button, ...], ...] = ()) -> None:
        self.out.append(
            Reply(
                chat_id=self.event.chat_id,
                language=self.user.language,
                parts=parts,
                buttons=buttons,
            )
        )

    async def context(self, draft: Draft) -> Ctx:
        assert draft.id is not None
        count = await evidence.count_for_draft(session=self.session, draft_id=draft.id)
        return Ctx(
            language=self.user.language,
            timezone=self.user.timezone,
            policy=self.policy,
            now=self.now,
            draft_id=draft.id,
            step=StepName(draft.step),
            # Deep copies: the draft's own JSON must stay as loaded so the change is seen.
            answers=copy.deepcopy(draft.answers),
            cursor=copy.deepcopy(draft.cursor),
            evidence_count=count,
        )

    async def ask_current(self, draft: Draft, *before: Msg) -> None:
        ctx = await self.context(draft)
        parts, buttons = question(ctx, BY_NAME[ctx.step])
        self.say(*before, *parts, buttons=buttons)

    async def store_media(self, draft: Draft, media: tuple[Media, ...]) -> None:
        for item in media:
            row = evidence_row(item, group=self.event.media_group_id, draft_id=draft.id)
            await evidence.add_evidence(session=self.session, item=row, now=self.now)
