"""What the operator can count: Prometheus metrics of the running bot.

One registry per process (``REGISTRY``), exported by the web server's ``GET /metrics``. Names
follow Prometheus conventions (``refund_desk_<what>_total`` for counters); labels carry kinds,
never people's data.
"""

from __future__ import annotations

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram

REGISTRY = CollectorRegistry(auto_describe=True)

UPDATES_SET_ASIDE = Counter(
    "refund_desk_updates_set_aside",
    "Updates that could not be read or failed every attempt, kept for the operator.",
    ["reason"],
    registry=REGISTRY,
)
UPDATES_FAILED_ATTEMPTS = Counter(
    "refund_desk_update_failures",
    "Handling attempts of an update that raised (retried up to a bound).",
    registry=REGISTRY,
)
GET_UPDATES_ERRORS = Counter(
    "refund_desk_get_updates_errors",
    "getUpdates calls that failed and were retried with back-off.",
    ["kind"],
    registry=REGISTRY,
)
OUTBOX_FAILED = Counter(
    "refund_desk_outbox_failed",
    "Bot API calls given up after their attempts (listed by `refund-desk outbox`).",
    ["method"],
    registry=REGISTRY,
)
HANDOFF_FAILURES = Counter(
    "refund_desk_handoff_failures",
    "Hand-off attempts of a case to the agents' group that failed.",
    registry=REGISTRY,
)
HANDOFF_ALERTS = Counter(
    "refund_desk_handoff_alerts",
    "Cases whose hand-off kept failing, reported to the supervisors.",
    registry=REGISTRY,
)
FLOOD_LIMITED = Counter(
    "refund_desk_flood_limited",
    "Updates not handled, or relays held back, because one person sent too many too fast.",
    ["kind"],
    registry=REGISTRY,
)
CONFLICTS = Counter(
    "refund_desk_case_conflicts",
    "Events handled again because a case changed under them (optimistic lock).",
    registry=REGISTRY,
)

# -- the flow of updates and messages (counted on the hot path: each is a few microseconds) --

UPDATES_RECEIVED = Counter(
    "refund_desk_updates_received",
    "Updates that reached this worker (getUpdates or webhook), new or redelivered.",
    ["kind"],  # new | redelivered
    registry=REGISTRY,
)
UPDATES_HANDLED = Counter(
    "refund_desk_updates_handled",
    "Updates handled and committed (their replies queued in the same transaction).",
    registry=REGISTRY,
)
#: From a second (a reply in its chat's turn) to minutes (a backlog after an outage).
UPDATE_LATENCY = Histogram(
    "refund_desk_update_latency_seconds",
    "From an update's arrival (stored) to its handling committed.",
    buckets=(0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 1800),
    registry=REGISTRY,
)
HANDLING_SECONDS = Histogram(
    "refund_desk_handling_seconds",
    "The handling of one event itself: the core's transaction, replies rendered and queued.",
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10),
    registry=REGISTRY,
)
SENDS = Counter(
    "refund_desk_telegram_sends",
    "Messages Telegram accepted (an album's items each), by the limit they count against.",
    ["limit"],  # group | private | other
    registry=REGISTRY,
)
TOO_MANY_REQUESTS = Counter(
    "refund_desk_telegram_429",
    "429 answers (retry after) from Telegram, by the limit of the call refused.",
    ["limit"],  # group | private | other
    registry=REGISTRY,
)
CHAT_LEASES_HELD = Gauge(
    "refund_desk_chat_leases_held",
    "Chats this worker is handling now (several workers: under its chat lease).",
    registry=REGISTRY,
)


def limit_kind(chat_id: object) -> str:
    """Which of Telegram's limits a call to ``chat_id`` counts against: a label value, never
    the chat itself. Groups and supergroups have negative ids, people positive ones; anything
    else (a callback answer, a ``@channel`` name) is ``other``."""
    if isinstance(chat_id, int) and not isinstance(chat_id, bool):
        if chat_id < 0:
            return "group"
        if chat_id > 0:
            return "private"
    return "other"


# Every label value is shown from the start (at 0), so that a rate over it is never "no data".
for _kind in ("new", "redelivered"):
    UPDATES_RECEIVED.labels(kind=_kind)
for _reason in ("unreadable", "failed"):
    UPDATES_SET_ASIDE.labels(reason=_reason)
for _limit in ("group", "private", "other"):
    SENDS.labels(limit=_limit)
    TOO_MANY_REQUESTS.labels(limit=_limit)
