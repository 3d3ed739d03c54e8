"""Vietnam time: the zone every day a cadre reads is counted in."""

from __future__ import annotations

import datetime as dt

VN_TZ = dt.timezone(dt.timedelta(hours=7), "ICT")


def vn_today(now: dt.datetime | None = None) -> dt.date:
    """Today's date in Vietnam (at `now`, an aware datetime, or at this moment)."""
    return (now or dt.datetime.now(dt.timezone.utc)).astimezone(VN_TZ).date()
