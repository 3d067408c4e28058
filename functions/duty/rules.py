"""Pure rules of duty records and activities: kinds, points, dates, windows, ranks.

Standard library only; the use cases around it read and write the store.
"""
from datetime import date, datetime, timedelta

from functions.shared.moments import SHANGHAI  # noqa: F401 (duty code imports it from here)

KINDS = ("meeting", "inspection", "suggestion", "voter_contact", "group_activity")
SOURCES = ("self", "office", "case", "suggestion", "activity")
STATUSES = ("pending", "verified", "rejected")
# deputy-work.md's defaults; a region may change them (积分规则). Suggestions score by role.
DEFAULT_POINTS = {"meeting": 2, "inspection": 3, "suggestion": 5, "suggestion_cosigner": 2,
                  "voter_contact": 1, "group_activity": 2}
POINT_KEYS = tuple(DEFAULT_POINTS)
MAX_POINTS = 100
# The deputy's term starts here unless the region's rules say otherwise (the 2021–22
# county and township elections); records dated before it are refused.
DEFAULT_TERM_START = "2022-01-01"
CHECK_IN_BEFORE = timedelta(hours=1)
CHECK_IN_AFTER = timedelta(hours=2)
SCORE_WIDTH = 8  # points in a sortable key: "00000012"


def local_day(moment: datetime) -> date:
    """The Shanghai date at `moment`: what "today" means to an office."""
    return moment.astimezone(SHANGHAI).date()


def points_for(kind: str, points: dict | None, *, cosigner: bool = False) -> int:
    """Points a record of `kind` earns under the region's `points` (defaults filled in)."""
    table = {**DEFAULT_POINTS, **(points or {})}
    return int(table["suggestion_cosigner" if kind == "suggestion" and cosigner else kind])


def date_problem(value, *, today: date, term_start: str) -> str | None:
    """A record's date: an ISO date, not in the future, not before the term began."""
    if not isinstance(value, str):
        return "a date YYYY-MM-DD"
    try:
        day = date.fromisoformat(value)
    except ValueError:
        return "a date YYYY-MM-DD"
    if len(value) != 10:
        return "a date YYYY-MM-DD"
    if day > today:
        return "may not be in the future"
    if value < term_start:
        return f"may not be before the term began ({term_start})"
    return None


def term_key(term_start: str) -> str:
    """Where a term's tally and ranking live beside the years' (`TERM#2022-01-01`)."""
    return f"TERM#{term_start}"


def tally_periods(day: str, term_start: str) -> list[str]:
    """The tallies a verified record dated `day` counts in: its year's, and its term's
    unless it is older than the term."""
    return [day[:4], *([term_key(term_start)] if day >= term_start else [])]


def year_problem(value) -> str | None:
    if value in (None, ""):
        return None
    return None if isinstance(value, str) and value.isdigit() and len(value) == 4 \
        else "a year like 2026"


def may_decide(status: str) -> bool:
    """Only a pending record is verified or rejected, and only once."""
    return status == "pending"


def tally_delta(kind: str, points: int) -> dict[str, int]:
    """What one verified record adds to its deputy's yearly tally."""
    return {"points": points, f"count_{kind}": 1}


def totals_of(records) -> dict:
    """`{points, by_kind}` of the verified ones among `records` (dicts)."""
    by_kind = {kind: 0 for kind in KINDS}
    points = 0
    for record in records:
        if record["status"] == "verified":
            by_kind[record["kind"]] += 1
            points += int(record.get("points") or 0)
    return {"points": points, "by_kind": by_kind}


def score_key(points: int, deputy_id: str) -> str:
    """A sort key that orders tallies by points (read highest first)."""
    return f"{max(0, int(points)):0{SCORE_WIDTH}d}#{deputy_id}"


def assign_ranks(points_in_order: list[int], state: dict | None) -> tuple[list[int], dict]:
    """Competition ranks (1, 1, 3) for a page of points, highest first, continuing the
    previous page's `state` `{seen, last_points, last_rank}`; the new state."""
    seen = (state or {}).get("seen", 0)
    last_points = (state or {}).get("last_points")
    last_rank = (state or {}).get("last_rank", 0)
    ranks = []
    for points in points_in_order:
        seen += 1
        if points != last_points:
            last_rank, last_points = seen, points
        ranks.append(last_rank)
    return ranks, {"seen": seen, "last_points": last_points, "last_rank": last_rank}


def signup_problem(activity: dict, now: datetime) -> str | None:
    """Why signing up (or cancelling) is closed now, if it is."""
    if activity.get("cancelled"):
        return "the activity was cancelled"
    if now >= _at(activity["signup_deadline"]):
        return "the sign-up deadline has passed"
    return None


def check_in_open(activity: dict, now: datetime) -> bool:
    """From 1 h before the start to 2 h after the end."""
    return _at(activity["starts_at"]) - CHECK_IN_BEFORE <= now <= \
        _at(activity["ends_at"]) + CHECK_IN_AFTER


def _at(text: str) -> datetime:
    from datetime import timezone
    value = datetime.fromisoformat(text.replace("Z", "+00:00"))
    return value if value.tzinfo else value.replace(tzinfo=timezone.utc)
