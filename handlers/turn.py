"""One event's handling: the session, the person, the clock reading and the replies so far."""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlmodel.ext.asyncio.session import AsyncSession

from handlers.bounds import clip, clip_file_name, column_length
from handlers.dependencies import Dependencies, Depending, Given
from handlers.events import Incoming, Media
from handlers.intake.context import Ctx, StepName
from handlers.intake.prompting import question
from handlers.intake.steps import BY_NAME
from handlers.policy import DeskPolicy, IntakePolicy
from handlers.replies import Button, Msg, Outgoing, Reply
from storage.models import Draft, DraftStatus, Evidence, User
from storage.repositories import drafts, evidence

_FILE_NAME = column_length(Evidence, "file_name")
_MIME_TYPE = column_length(Evidence, "mime_type")
_ALBUM_ID = column_length(Evidence, "media_group_id")


def evidence_row(
    item: Media, *, group: str | None, draft_id: int | None = None, case_id: int | None = None
) -> Evidence:
    """A file a parent sent, as the evidence row of a draft or (in an appeal) of a case.

    The names Telegram passes on (file name, MIME type, album id) are the sender's and may be
    longer than their columns: they are cut to fit. The file ids were checked on screening.
    """
    return Evidence(
        draft_id=draft_id,
        case_id=case_id,
        kind=item.kind.value,
        telegram_file_id=item.file_id,
        file_unique_id=item.file_unique_id,
        local_path=item.local_path,
        file_name=clip_file_name(item.file_name, _FILE_NAME),
        mime_type=clip(item.mime_type, _MIME_TYPE),
        size=item.size,
        sha256=item.sha256,
        media_group_id=clip(group, _ALBUM_ID),
    )


#: The open draft not looked up yet in this turn.
_UNKNOWN: Any = object()


@dataclass
class Turn(Depending):
    """Everything one event's handling needs, for one transaction: the session, the event, the
    person, the clock reading, the core's :class:`~handlers.dependencies.Dependencies`, the
    replies so far — and the person's open draft, loaded with them once per event."""

    session: AsyncSession
    event: Incoming
    user: User
    now: datetime
    deps: Dependencies
    out: list[Outgoing] = field(default_factory=list)
    #: The open draft as loaded with the user (:func:`storage.repositories.preload`), and its
    #: number of files: kept up to date by :meth:`opened` and :meth:`store_media`.
    draft: Draft | None = field(default=_UNKNOWN, repr=False)
    files: dict[int, int] = field(default_factory=dict, repr=False)

    policy = Given[IntakePolicy]("intake")
    desk = Given[DeskPolicy]("desk")

    async def open_draft(self) -> Draft | None:
        """The person's open draft (None: no intake open), read once per event."""
        if self.draft is _UNKNOWN or (
            self.draft is not None and self.draft.status != DraftStatus.OPEN
        ):
            self.draft = await drafts.get_open_draft(session=self.session, user_id=self.user.id)
        return self.draft

    def opened(self, draft: Draft) -> None:
        """A draft this turn created is the open one from now on."""
        self.draft = draft
        if draft.id is not None:
            self.files[draft.id] = 0

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
        count = self.files.get(draft.id)
        if count is None:
            count = self.files[draft.id] = await evidence.count_for_draft(
                session=self.session, draft_id=draft.id
            )
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
            zone_chosen=self.user.timezone_chosen_at is not None,
        )

    async def ask_current(self, draft: Draft, *before: Msg) -> None:
        ctx = await self.context(draft)
        parts, buttons = question(ctx, BY_NAME[ctx.step])
        self.say(*before, *parts, buttons=buttons)

    async def store_media(self, draft: Draft, media: tuple[Media, ...]) -> None:
        for item in media:
            row = evidence_row(item, group=self.event.media_group_id, draft_id=draft.id)
            await evidence.add_evidence(session=self.session, item=row, now=self.now)
        if draft.id is not None and draft.id in self.files:
            self.files[draft.id] += len(media)
