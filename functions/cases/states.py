"""The case state machine, exactly as api-contract.md states it.

Each allowed move is (status, action) → next status, as a workflow.Machine table.
Everything else is an InvalidTransition. Rating moves depend on the rating and the
rehandle count, so `next_status` takes those as keywords. The moves a case really takes,
with guards, deadlines and audiences, are in moves.py.
"""
from functions.shared.errors import InvalidTransition
from functions.workflow.machine import Machine

STATUSES = (
    "submitted", "accepted", "replied", "forwarded", "assigned", "in_progress",
    "answered", "closed", "withdrawn", "rejected",
)
MAX_REHANDLES = 2

# (from, action) → to. Rating and urge are added in TABLE below.
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
    # The office answers a forwarded case itself (product.md step 4).
    ("forwarded", "answer"): "answered",
    # A unit hands a wrongly assigned case back to the office.
    ("assigned", "return"): "forwarded",
    ("in_progress", "return"): "forwarded",
    ("replied", "close_unrated"): "closed",
    ("answered", "close_unrated"): "closed",
}
# Urging presses a unit that holds the case; a forwarded case waits on the office itself.
URGEABLE = frozenset({"assigned", "in_progress"})
# A case held by the content check waits on the office alone: it releases or rejects it.
HELD_MOVES = frozenset({("release", "office"), ("reject", "office")})
RATEABLE = frozenset({"replied", "answered"})
RATINGS = ("satisfied", "basically_satisfied", "unsatisfied")


def _after_rating(case: dict, details: dict) -> str:
    rating, status = details.get("rating"), case["status"]
    if rating in ("satisfied", "basically_satisfied"):
        return "closed"
    if rating != "unsatisfied":
        raise InvalidTransition(f"unknown rating {rating!r}")
    if status == "replied" or case.get("answered_by") == "office":
        return "forwarded"  # back to whoever answered: the office handles it again
    # a unit's answer: back to the unit, until the rehandle limit; then the office decides.
    return "assigned" if int(details.get("rehandle_count") or 0) < MAX_REHANDLES else "forwarded"


# The whole table: the moves above, urging in place, rating by its outcome.
TABLE = {**MOVES, **{(status, "urge"): status for status in URGEABLE},
         **{(status, "rate"): _after_rating for status in RATEABLE}}
STATE_MACHINE = Machine(name="case", statuses=STATUSES, moves=TABLE,
                        closed=frozenset({"closed", "withdrawn", "rejected"}))
OPEN_STATUSES = STATE_MACHINE.open_statuses


def next_status(status: str, action: str, *, rating: str | None = None,
                rehandle_count: int = 0, answered_by: str = "unit") -> str:
    """Where `action` takes a case in `status`; raises InvalidTransition if nowhere.
    `answered_by`: who gave the answer being rated (`unit` or `office`)."""
    return STATE_MACHINE.target(status, action,
                                {"rating": rating, "rehandle_count": rehandle_count},
                                {"status": status, "answered_by": answered_by})


def allowed_while_held(action: str, role: str | None) -> bool:
    """May someone acting as `role` take `action` on a case held for review?"""
    return (action, role) in HELD_MOVES


def allowed_actions(status: str) -> list[str]:
    """Actions a case in `status` accepts, for UIs that show only what is possible."""
    return STATE_MACHINE.allowed_actions(status)
