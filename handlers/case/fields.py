"""What a parent tells about their claim, field by field: one catalogue that the review, the
card, the submission, /mydata, erasure and the reports' export all read, so a new intake
question is a row here (and a step, a column, a migration and its messages), not an edit in
each of them.

Each field is an answer in the draft (``answers[name]``) and a column of the case of the same
name. ``personal`` fields say something about the family: they are erased (``/delete``,
retention) and left out of an operator's export unless asked for. The purchases (their own
table) are a row of the catalogue without a column: they have their place among the lines.

The review before sending and the agents' card show the same lines in the catalogue's order,
each field's from its ``line``; :class:`Shown` carries what only the screen knows (the
platform's label, the purchase lines, how many files are kept, and the lines a screen adds
after a field's own, such as the card's cross-checks).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from handlers.replies import Msg
from storage.models import Case


@dataclass(frozen=True)
class Shown:
    """What a screen knows besides the fields' values."""

    #: The platform as people read it: the intake knows the configured names, a case keeps one.
    platform: Msg
    #: The purchase lines with their total (on the card, with what the bills say).
    purchases: Sequence[Msg]
    #: How many evidence files are kept.
    files: int
    #: Lines the screen adds after a field's own, by field name.
    after: Mapping[str, Sequence[Msg]] = field(default_factory=dict)


Line = Callable[[Mapping[str, Any], Shown], Sequence[Msg]]


def _kebab(value: str) -> str:
    return value.replace("_", "-")


def _platform(values: Mapping[str, Any], shown: Shown) -> Sequence[Msg]:
    return (Msg("review-platform", {"value": shown.platform}),)


def _problem(values: Mapping[str, Any], shown: Shown) -> Sequence[Msg]:
    return (Msg("review-problem", {"value": Msg(f"problem-{_kebab(values['problem'])}")}),)


def _writer(values: Mapping[str, Any], shown: Shown) -> Sequence[Msg]:
    return (Msg("review-writer", {"value": Msg(f"writer-{_kebab(values['writer'])}")}),)


def minor_age_asked(values: Mapping[str, Any]) -> bool:
    """A child's age is asked (and kept) only when a child made the purchase or writes."""
    return values.get("problem") == "minor_purchase" or values.get("writer") == "minor"


def _minor_age(values: Mapping[str, Any], shown: Shown) -> Sequence[Msg]:
    if not minor_age_asked(values):
        return ()
    age = values.get("minor_age")
    return (Msg("review-minor-age", {"age": "-" if age is None else age}),)


def _account(values: Mapping[str, Any], shown: Shown) -> Sequence[Msg]:
    return (Msg("review-account", {"value": values["account"]}),)


def _description(values: Mapping[str, Any], shown: Shown) -> Sequence[Msg]:
    return (Msg("review-description", {"value": values["description"]}),)


def payment_msg(method: str, other: str | None) -> Msg:
    """How it was paid: a translated method, or the name the parent typed."""
    if method == "other":
        return Msg("platform-custom", {"name": other or ""})
    return Msg(f"payment-{_kebab(method)}")


def _payment(values: Mapping[str, Any], shown: Shown) -> Sequence[Msg]:
    value = payment_msg(values["payment_method"], values.get("payment_other"))
    return (Msg("review-payment", {"value": value}),)


def _purchases(values: Mapping[str, Any], shown: Shown) -> Sequence[Msg]:
    return shown.purchases


def _evidence(values: Mapping[str, Any], shown: Shown) -> Sequence[Msg]:
    if values.get("no_evidence"):
        return (Msg("review-no-evidence"),)
    return (Msg("review-evidence", {"count": shown.files}),)


def _contact(values: Mapping[str, Any], shown: Shown) -> Sequence[Msg]:
    contact = values.get("contact")
    return (Msg("review-contact", {"value": contact}) if contact else Msg("review-no-contact"),)


@dataclass(frozen=True)
class CaseField:
    name: str
    #: Erased, and exported only on request.
    personal: bool = False
    #: What erasure leaves in the column (a required text column keeps an empty text).
    erased: Any = None
    #: Always answered by a finished intake (else the draft may not hold it).
    required: bool = True
    #: A column of the case (the purchases are a table of their own).
    column: bool = True
    #: Its lines on the review and the card (a field shown with another has none).
    line: Line | None = None
    #: The review's button that changes it (``button-edit-<edit>``), and the step it opens.
    edit: str | None = None
    step: str | None = None


def _asked(name: str, line: Line, **more: Any) -> CaseField:
    """A field the review shows and changes with a button of its own name, by its own step."""
    return CaseField(name, line=line, edit=name, step=name, **more)


FIELDS: tuple[CaseField, ...] = (
    _asked("platform", _platform),
    CaseField("platform_other", personal=True, required=False),  # a name typed, or configured
    _asked("problem", _problem),
    _asked("writer", _writer),
    _asked("minor_age", _minor_age, personal=True, required=False),
    _asked("account", _account, personal=True, erased=""),
    CaseField("payment_method", line=_payment, edit="payment", step="payment"),
    CaseField("payment_other", personal=True, required=False),
    CaseField("purchases", column=False, line=_purchases, edit="transactions", step="tx_list"),
    CaseField(
        "no_evidence",
        erased=False,
        required=False,
        line=_evidence,
        edit="evidence",
        step="evidence",
    ),
    _asked("description", _description, personal=True, erased=""),
    _asked("contact", _contact, personal=True, required=False),
)
COLUMNS = tuple(f for f in FIELDS if f.column)
BY_NAME = {f.name: f for f in COLUMNS}
PERSONAL = tuple(f.name for f in COLUMNS if f.personal)
#: The review's "Change …" buttons: the button's name, and the field it changes.
EDITS = {f.edit: f for f in FIELDS if f.edit is not None}


def lines(values: Mapping[str, Any], shown: Shown) -> list[Msg]:
    """The case's lines, in the catalogue's order, as the review and the card show them."""
    out: list[Msg] = []
    for f in FIELDS:
        if f.line is not None:
            out += f.line(values, shown)
        out += shown.after.get(f.name, ())
    return out


def from_answers(answers: Mapping[str, Any]) -> dict[str, Any]:
    """The case's fields from a finished draft's answers."""
    return {f.name: answers[f.name] if f.required else answers.get(f.name) for f in COLUMNS}


def of_case(case: Case) -> dict[str, Any]:
    """The case's fields, in the catalogue's order (/mydata shows them so)."""
    return {f.name: getattr(case, f.name) for f in COLUMNS}


def erase(case: Case) -> None:
    """Blank what the parent told about their family (the rest stays for statistics)."""
    for f in COLUMNS:
        if f.personal:
            setattr(case, f.name, f.erased)
