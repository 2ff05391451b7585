"""What the operator can count: Prometheus metrics of the running bot.

One registry per process (``REGISTRY``), exported by the web server's ``GET /metrics``. Names
follow Prometheus conventions (``refund_desk_<what>_total`` for counters); labels carry kinds,
never people's data.
"""

from __future__ import annotations

from prometheus_client import CollectorRegistry, Counter

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
