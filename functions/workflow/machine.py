"""A record's life as data: statuses, the moves between them, guards, deadlines, audiences."""
from dataclasses import dataclass, field
from datetime import datetime
from typing import Callable, Mapping

from functions.shared.errors import InvalidTransition

# (record, details of the move) → the next status; details: rating, rehandle_count, ...
Target = str | Callable[[dict, dict], str]
# (record, action) → why the move is refused, or None to let it through.
Guard = Callable[[dict, str], str | None]


def _no_deadlines(status: str, record: dict, entered_at: datetime) -> dict:
    return {}


def _nothing_carried(status: str, previous: dict) -> dict:
    return {}


@dataclass(frozen=True)
class Machine:
    """Everything the engine needs to move one kind of record; tables, not code paths."""
    name: str  # what the error messages call the record: "case", "suggestion"
    statuses: tuple[str, ...]
    closed: frozenset[str]  # statuses that carry no deadline and owe no reminder
    moves: Mapping[tuple[str, str], Target]  # (status, action) → next status
    guards: tuple[Guard, ...] = ()
    # Deadlines that start when a record enters a status, and those that survive the move.
    deadlines: Callable[[str, dict, datetime], dict] = _no_deadlines
    carried_over: Callable[[str, dict], dict] = _nothing_carried
    restart_deadlines_on: frozenset[str] = frozenset()  # actions that restart them in place
    # (action, record after the move, details) → who hears of it (outbox audiences).
    audiences: Callable[[str, dict, dict], tuple] = lambda action, record, details: ()
    # action → (record before, record after, details) → extra timeline fields; may edit after.
    effects: Mapping[str, Callable[[dict, dict, dict], dict]] = field(default_factory=dict)
    event_prefix: str = ""  # outbox event = prefix + action

    @property
    def open_statuses(self) -> frozenset[str]:
        return frozenset(self.statuses) - self.closed

    def refusal(self, record: dict, action: str) -> str | None:
        """Why `action` may not happen to `record` now (a guard's reason), if it may not."""
        for guard in self.guards:
            reason = guard(record, action)
            if reason:
                return reason
        return None

    def next_status(self, record: dict, action: str, details: dict | None = None) -> str:
        """Where `action` takes `record`; InvalidTransition if nowhere or a guard refuses."""
        reason = self.refusal(record, action)
        if reason:
            raise InvalidTransition(reason)
        return self.target(record["status"], action, details or {}, record)

    def target(self, status: str, action: str, details: dict, record: dict | None = None) -> str:
        """The transition table alone (no guards): InvalidTransition if it has no such move."""
        target = self.moves.get((status, action))
        if target is None:
            raise InvalidTransition(f"cannot {action} a {self.name} that is {status}")
        return target if isinstance(target, str) else target(record or {"status": status},
                                                             details)

    def allowed_actions(self, status: str) -> list[str]:
        """Actions the table allows from `status`, in the table's order."""
        return [action for (source, action) in self.moves if source == status]
