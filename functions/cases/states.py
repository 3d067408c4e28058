"""The case state machine, exactly as api-contract.md states it.

Each allowed move is (status, action) → next status. Everything else is an
InvalidTransition. Rating moves depend on the rating and the rehandle count,
so `next_status` takes those as keywords.
"""
from functions.shared.errors import InvalidTransition

STATUSES = (
    "submitted", "accepted", "replied", "forwarded", "assigned", "in_progress",
    "answered", "closed", "withdrawn", "rejected",
)
OPEN_STATUSES = frozenset(STATUSES) - {"closed", "withdrawn", "rejected"}
MAX_REHANDLES = 2

# (from, action) → to. Rating and urge are handled below.
MOVES = {
    ("submitted", "accept"): "accepted",
    ("submitted", "withdraw"): "withdrawn",
    ("submitted", "reject"): "rejected",
    ("accepted", "reject"): "rejected",
    ("forwarded", "reject"): "rejected",
    ("accepted", "reply"): "replied",
    ("accepted", "forward"): "forwarded",
    ("forwarded", "assign"): "assigned",
    ("assigned", "sign"): "in_progress",
    ("in_progress", "progress"): "in_progress",
    ("in_progress", "answer"): "answered",
    # A unit hands a wrongly assigned case back to the office.
    ("assigned", "return"): "forwarded",
    ("in_progress", "return"): "forwarded",
    ("replied", "close_unrated"): "closed",
    ("answered", "close_unrated"): "closed",
}
URGEABLE = frozenset({"forwarded", "assigned", "in_progress"})
RATEABLE = frozenset({"replied", "answered"})
RATINGS = ("satisfied", "basically_satisfied", "unsatisfied")


def next_status(status: str, action: str, *, rating: str | None = None,
                rehandle_count: int = 0) -> str:
    """Where `action` takes a case in `status`; raises InvalidTransition if nowhere."""
    if action == "urge" and status in URGEABLE:
        return status
    if action == "rate" and status in RATEABLE:
        return _after_rating(status, rating, rehandle_count)
    target = MOVES.get((status, action))
    if target is None:
        raise InvalidTransition(f"cannot {action} a case that is {status}")
    return target


def _after_rating(status: str, rating: str | None, rehandle_count: int) -> str:
    if rating in ("satisfied", "basically_satisfied"):
        return "closed"
    if rating != "unsatisfied":
        raise InvalidTransition(f"unknown rating {rating!r}")
    if status == "replied":
        return "forwarded"
    # answered: back to the unit, until the rehandle limit; then the office decides.
    return "assigned" if rehandle_count < MAX_REHANDLES else "forwarded"


def allowed_actions(status: str) -> list[str]:
    """Actions a case in `status` accepts, for UIs that show only what is possible."""
    actions = [action for (src, action) in MOVES if src == status]
    if status in URGEABLE:
        actions.append("urge")
    if status in RATEABLE:
        actions.append("rate")
    return actions
