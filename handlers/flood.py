"""Nobody floods the bot: a person's private updates beyond ``IntakePolicy.flood_per_minute``
a minute are not handled, and they are told so once per flood.

The budget is a minute's worth of updates, spent one ``60 s / limit`` share per update handled
and refilled as time passes (a token bucket kept as one time, GCRA): ``User.flood_busy_until``
is when everything handled so far is paid off. An update that would push it more than a minute
past now is over the limit. So ``limit`` updates may come at once, then one every share.

A flood ends once the whole budget is back (``flood_busy_until`` reached); the first update
after that starts a new run (``flood_busy_since``). The notice goes out when an update is
dropped and the person has not been told since the run began: one notice per flood, however
long it goes on, and a new one for the next flood.

The state is two columns of the user row, which every private update loads anyway: an update
handled writes them in the event's own transaction (one UPDATE of the row, shared with any
other change of the user), with no counter in memory, so workers share the count and a
restart keeps it. A dropped update writes nothing but the notice's time, once per flood.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import Enum

from handlers.events import EventKind, Incoming
from handlers.replies import AnswerButton, Msg, Outgoing, Reply
from storage.models import User

WINDOW = timedelta(minutes=1)


class Admission(Enum):
    HANDLE = "handle"
    NOTICE = "notice"  # dropped, and the person is told (the first of this flood)
    DROP = "drop"  # dropped silently (already told)


@dataclass(frozen=True)
class Verdict:
    """What to do with one update, and the user's flood columns afterwards."""

    admission: Admission
    busy_until: datetime | None
    busy_since: datetime | None
    noticed_at: datetime | None

    @property
    def handle(self) -> bool:
        return self.admission is Admission.HANDLE


def judge(user: User, now: datetime, per_minute: int) -> Verdict:
    """Count this update against the user's budget (the row is left as it is: see
    :func:`record`)."""
    until, since, noticed = user.flood_busy_until, user.flood_busy_since, user.flood_noticed_at
    if per_minute <= 0:  # no limit: nothing counted, nothing written
        return Verdict(Admission.HANDLE, until, since, noticed)
    share = WINDOW / per_minute
    if until is None or until <= now:  # the whole budget is back: a new run begins
        return Verdict(Admission.HANDLE, now + share, now, noticed)
    if until + share - now <= WINDOW:
        return Verdict(Admission.HANDLE, until + share, since, noticed)
    if noticed is None or since is None or noticed < since:
        return Verdict(Admission.NOTICE, until, since, now)
    return Verdict(Admission.DROP, until, since, noticed)


def record(user: User, verdict: Verdict) -> None:
    """Write the verdict into the user row, *after* the update was handled: changed earlier,
    the row would be flushed before the handling's first query, and with it the open draft
    preloaded with the user (:mod:`storage.repositories.preload`) forgotten. Unchanged
    columns are not written: a silently dropped update writes nothing."""
    if user.flood_busy_until != verdict.busy_until:
        user.flood_busy_until = verdict.busy_until
    if user.flood_busy_since != verdict.busy_since:
        user.flood_busy_since = verdict.busy_since
    if user.flood_noticed_at != verdict.noticed_at:
        user.flood_noticed_at = verdict.noticed_at


def dropped(event: Incoming, user: User, verdict: Verdict) -> list[Outgoing]:
    """What a dropped update gets: a button press is still answered (the client's spinner
    would turn for seconds otherwise), and the first of a flood brings the notice."""
    out: list[Outgoing] = []
    if event.kind is EventKind.BUTTON and event.callback_id:
        out.append(AnswerButton(event.callback_id, user.language))
    if verdict.admission is Admission.NOTICE:
        out.append(Reply(event.chat_id, user.language, (Msg("flood-notice"),)))
    return out
