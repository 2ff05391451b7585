"""When a purchase was made, as every display tells it: the intake's confirmation and review,
the agents' card, /status, the decision — and a time given only as a part of the day
("yesterday evening", 昨晚) says so wherever it is shown ("Thu, Nov 19, 2026, in the evening,
around 8:00 PM"), never as an exact minute.
"""

from __future__ import annotations

from datetime import datetime

from handlers.formatting import format_when, format_when_parts
from handlers.replies import Msg


def purchase_moment(
    moment: datetime, timezone: str, language: str, *, has_time: bool, vague: str | None
) -> Msg | str:
    """The moment in ``timezone``; ``vague`` names the part of the day the parent gave (a
    period of ``handlers.parsing.when``), whose usual hour ``moment`` holds as a guess."""
    if vague and has_time:
        day, clock = format_when_parts(moment, timezone, language)
        return Msg("tx-when-vague", {"day": day, "period": vague, "time": clock})
    return format_when(moment, timezone, language, with_time=has_time)
