"""What a step sees (:class:`Ctx`) and what it answers (:class:`Accepted` / :class:`Rejected`)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Any

from handlers.buttons import ButtonData, text
from handlers.events import Media
from handlers.policy import IntakePolicy
from handlers.replies import Button, Msg


class StepName(StrEnum):
    CONSENT = "consent"
    PLATFORM = "platform"
    PLATFORM_OTHER = "platform_other"
    PROBLEM = "problem"
    WRITER = "writer"
    MINOR_AGE = "minor_age"
    ACCOUNT = "account"
    TX_AMOUNT = "tx_amount"
    TIMEZONE = "timezone"
    TX_TIME = "tx_time"
    TX_CONFIRM = "tx_confirm"
    TX_FIX = "tx_fix"
    TX_ORDER = "tx_order"
    TX_MORE = "tx_more"
    TX_LIST = "tx_list"
    PAYMENT = "payment"
    PAYMENT_OTHER = "payment_other"
    EVIDENCE = "evidence"
    DESCRIPTION = "description"
    CONTACT = "contact"
    REVIEW = "review"


class AnswerKind(StrEnum):
    TEXT = "text"
    CHOICE = "choice"
    MEDIA = "media"


@dataclass(frozen=True)
class Answer:
    """The parent's answer to the current step, already told apart by the conversation."""

    kind: AnswerKind
    text: str = ""
    choice: str = ""
    media: tuple[Media, ...] = ()


@dataclass
class Ctx:
    """A draft being worked on: answers and cursor are mutable working copies, saved after."""

    language: str
    timezone: str
    policy: IntakePolicy
    now: datetime
    draft_id: int
    step: StepName
    answers: dict[str, Any]
    cursor: dict[str, Any]
    evidence_count: int = 0
    #: The parent chose their time zone (the intake's question or /timezone): never asked.
    zone_chosen: bool = True

    def button(self, label: Msg, value: str, step: StepName | None = None) -> Button:
        return Button(label, StepAnswer(self.draft_id, step or self.step, value).pack())

    @property
    def pending_tx(self) -> dict[str, Any]:
        pending: dict[str, Any] = self.cursor.setdefault("pending_tx", {})
        return pending

    @property
    def transactions(self) -> list[dict[str, Any]]:
        items: list[dict[str, Any]] = self.answers.setdefault("transactions", [])
        return items


@dataclass(frozen=True)
class Accepted:
    notes: tuple[Msg, ...] = ()
    goto: StepName | None = None
    store_media: tuple[Media, ...] = ()
    submit: bool = False
    cancel: bool = False
    #: The parent's time zone, just chosen (handlers/intake/zone.py): theirs from now on.
    timezone: str | None = None


@dataclass(frozen=True)
class Rejected:
    reasons: tuple[Msg, ...] = field(default_factory=tuple)

    @classmethod
    def because(cls, key: str, **params: Any) -> Rejected:
        return cls((Msg(key, params),))


Outcome = Accepted | Rejected


#: The longest choice a step's button carries: a platform id (``bot/config.PLATFORM_ID``, 1-32
#: characters), the step table's own values ("edit:payment_other", "change:3") are shorter.
CHOICE_BYTES = 32


class StepAnswer(ButtonData, prefix="", sep="|"):
    """A button answering a step, ``<draft id>|<step>|<choice>``: it names its draft and step,
    so a press on an old question is recognised (:func:`handlers.conversation._read_answer`)."""

    draft_id: int
    step: StepName
    choice: str = text(CHOICE_BYTES, rest=True)
