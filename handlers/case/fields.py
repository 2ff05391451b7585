"""What a parent tells about their claim, field by field: one catalogue that the submission,
/mydata, erasure and the reports' export all read, so a new intake question is a row here (and
a step, a column, a migration and its messages), not an edit in each of them.

Each field is an answer in the draft (``answers[name]``) and a column of the case of the same
name. ``personal`` fields say something about the family: they are erased (``/delete``,
retention) and left out of an operator's export unless asked for. The purchases (their own
table) and the evidence files are not fields of the case.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from storage.models import Case


@dataclass(frozen=True)
class CaseField:
    name: str
    #: Erased, and exported only on request.
    personal: bool = False
    #: What erasure leaves in the column (a required text column keeps an empty text).
    erased: Any = None
    #: Always answered by a finished intake (else the draft may not hold it).
    required: bool = True


FIELDS: tuple[CaseField, ...] = (
    CaseField("platform"),
    CaseField("platform_other", personal=True, required=False),  # a name typed, or configured
    CaseField("problem"),
    CaseField("writer"),
    CaseField("minor_age", personal=True, required=False),
    CaseField("account", personal=True, erased=""),
    CaseField("payment_method"),
    CaseField("payment_other", personal=True, required=False),
    CaseField("no_evidence", erased=False, required=False),
    CaseField("description", personal=True, erased=""),
    CaseField("contact", personal=True, required=False),
)
BY_NAME = {f.name: f for f in FIELDS}
PERSONAL = tuple(f.name for f in FIELDS if f.personal)


def from_answers(answers: Mapping[str, Any]) -> dict[str, Any]:
    """The case's fields from a finished draft's answers."""
    return {f.name: answers[f.name] if f.required else answers.get(f.name) for f in FIELDS}


def of_case(case: Case) -> dict[str, Any]:
    """The case's fields, in the catalogue's order (/mydata shows them so)."""
    return {f.name: getattr(case, f.name) for f in FIELDS}


def erase(case: Case) -> None:
    """Blank what the parent told about their family (the rest stays for statistics)."""
    for f in FIELDS:
        if f.personal:
            setattr(case, f.name, f.erased)
