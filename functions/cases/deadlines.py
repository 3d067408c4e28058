"""Which deadlines a case carries in each status, from per-region time limits."""
from dataclasses import dataclass, asdict, replace
from datetime import datetime, timedelta

from functions.shared.working_days import NO_ENTRIES, EnteredDays, add_hours, add_working_days


@dataclass(frozen=True)
class TimeLimits:
    """Defaults from product.md; a region may override any of them."""
    deputy_accept_days: int = 3
    consultation_answer_hours: int = 24
    office_assign_days: int = 3
    unit_sign_days: int = 5
    unit_answer_days: int = 20
    rating_days: int = 7  # calendar days
    # Not a case limit: the months a unit has to answer a deputy's suggestion; kept here so
    # the region's one settings form sets it (functions/suggestions/deadlines.py reads it).
    suggestion_answer_months: int = 3

    @classmethod
    def from_dict(cls, data: dict | None) -> "TimeLimits":
        known = {k: int(v) for k, v in (data or {}).items() if k in cls.__dataclass_fields__}
        return cls(**known)

    def to_dict(self) -> dict:
        return asdict(self)


def deadlines_for(status: str, case_type: str, entered_at: datetime,
                  limits: TimeLimits, entered: EnteredDays = NO_ENTRIES
                  ) -> dict[str, datetime]:
    """Deadlines that start when a case enters `status` at `entered_at`.

    Names say who must do what: `accept`, `consultation_answer`, `assign`, `sign`,
    `answer`, `rate`. Working days follow the library plus the `entered` official days.
    """
    if status == "submitted":
        due = {"accept": add_working_days(entered_at, limits.deputy_accept_days, entered)}
        if case_type == "consultation":
            due["consultation_answer"] = add_hours(entered_at, limits.consultation_answer_hours)
        return due
    if status == "accepted" and case_type == "consultation":
        return {}  # the consultation clock set at submission keeps running
    if status == "forwarded":
        return {"assign": add_working_days(entered_at, limits.office_assign_days, entered)}
    if status == "assigned":
        answer = add_working_days(entered_at, limits.unit_answer_days, entered)
        # An answer time set shorter than the signing time: signing is due by then too.
        return {"sign": min(add_working_days(entered_at, limits.unit_sign_days, entered),
                            answer), "answer": answer}
    if status in ("replied", "answered"):
        return {"rate": entered_at + timedelta(days=limits.rating_days)}
    return {}


def carried_over(status: str, previous: dict[str, datetime]) -> dict[str, datetime]:
    """Deadlines that survive a move into `status` (signing keeps the answer deadline)."""
    if status == "in_progress":
        return {k: v for k, v in previous.items() if k == "answer"}
    if status == "accepted":
        return {k: v for k, v in previous.items() if k == "consultation_answer"}
    return {}


def limits_of(case: dict) -> TimeLimits:
    """The case's time limits, with the answer time the office set when it assigned."""
    limits = TimeLimits.from_dict(case.get("time_limits"))
    if case.get("answer_working_days"):
        limits = replace(limits, unit_answer_days=int(case["answer_working_days"]))
    return limits


def deadline_rule(calendar: EnteredDays, changes: dict):
    """Deadlines of a status entered, counting the fields the move sets (an assignment's
    answer time) and the official days entered beyond the library."""
    def rule(status: str, case: dict, entered_at: datetime) -> dict:
        return deadlines_for(status, case["type"], entered_at,
                             limits_of({**case, **changes}), calendar)
    return rule
