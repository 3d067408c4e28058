"""Pure rules of a livelihood-project round: states, the vote, progress, satisfaction.

Standard library only. A broken rule raises `RuleBroken` with a code from the error
contract (`invalid_transition` or `validation_error`); the use cases turn it into theirs.
"""
import re

STATES = ("collecting", "voting", "in_progress", "evaluating", "closed")
RATINGS = ("satisfied", "basically_satisfied", "unsatisfied")
SATISFIED = ("satisfied", "basically_satisfied")
PASS_MARK = 0.6  # under 60 % satisfied: evaluated again
MAX_EVALUATION_PASSES = 2
MAX_PROGRESS_ENTRIES = 24  # two years of monthly reports; the oldest drop off
MONTH = re.compile(r"^(20\d\d)-(0[1-9]|1[0-2])$")

# move → (states it may start from, state it leads to)
MOVES = {
    "shortlist": (("collecting",), "collecting"),
    "propose": (("collecting",), "collecting"),
    "open_vote": (("collecting",), "voting"),
    "ballot": (("voting",), "voting"),
    "close_vote": (("voting",), "in_progress"),
    "assign": (("in_progress", "evaluating"), None),
    "progress": (("in_progress", "evaluating"), None),
    "comment": (("in_progress", "evaluating"), None),
    "open_evaluation": (("in_progress", "closed"), "evaluating"),
    "evaluate": (("evaluating",), "evaluating"),
    "close_evaluation": (("evaluating",), "closed"),
}


class RuleBroken(Exception):
    def __init__(self, code: str, message: str, fields: dict | None = None):
        super().__init__(message)
        self.code, self.message, self.fields = code, message, fields or {}


def out_of_state(message: str) -> RuleBroken:
    return RuleBroken("invalid_transition", message)


def invalid(message: str, fields: dict) -> RuleBroken:
    return RuleBroken("validation_error", message, fields)


def next_state(state: str, move: str, *, evaluation_pass: int = 0,
               flagged: int = 0) -> str:
    """The state after `move`; RuleBroken(invalid_transition) when `state` does not allow it."""
    starts, target = MOVES[move]
    if state not in starts:
        raise out_of_state(f"cannot {move.replace('_', ' ')} while the round is {state}")
    if move == "open_evaluation" and state == "closed":
        # Only a second pass, of the projects the first pass flagged.
        if evaluation_pass >= MAX_EVALUATION_PASSES or not flagged:
            raise out_of_state("the evaluation is closed: nothing is left to re-evaluate")
    if move == "open_evaluation" and state == "in_progress" and evaluation_pass:
        raise out_of_state("this round was evaluated already")
    return target or state


def checked_shortlist(candidate_ids, known: list[str]) -> list[str]:
    """Distinct ids, each a candidate of the round, at least one."""
    if not isinstance(candidate_ids, list) or not candidate_ids or \
            not all(isinstance(c, str) for c in candidate_ids):
        raise invalid("invalid shortlist", {"candidate_ids": "a non-empty list of candidate ids"})
    if len(set(candidate_ids)) != len(candidate_ids):
        raise invalid("invalid shortlist", {"candidate_ids": "each candidate at most once"})
    unknown = [c for c in candidate_ids if c not in known]
    if unknown:
        raise invalid("invalid shortlist",
                      {"candidate_ids": f"not candidates of this round: {', '.join(unknown)}"})
    return candidate_ids


def checked_choices(choices, shortlist: list[str], max_choices: int) -> list[str]:
    """A ballot's choices: distinct shortlisted candidates, at most `max_choices` (none is
    a valid blank ballot: the deputy took part but chose nobody)."""
    if not isinstance(choices, list) or not all(isinstance(c, str) for c in choices):
        raise invalid("invalid ballot", {"choices": "a list of candidate ids"})
    if len(set(choices)) != len(choices):
        raise invalid("invalid ballot", {"choices": "each candidate at most once"})
    if len(choices) > max_choices:
        raise invalid("invalid ballot", {"choices": f"at most {max_choices} candidates"})
    if any(c not in shortlist for c in choices):
        raise invalid("invalid ballot", {"choices": "only shortlisted candidates"})
    return sorted(choices, key=shortlist.index)


def ballot_deltas(previous: list[str] | None, choices: list[str]) -> dict[str, int]:
    """Counter deltas that move a replaced ballot's votes to the new one."""
    deltas = {f"votes:{c}": 0 for c in (previous or []) + choices}
    for c in previous or []:
        deltas[f"votes:{c}"] -= 1
    for c in choices:
        deltas[f"votes:{c}"] += 1
    if previous is None:
        deltas["ballots"] = 1
    return {k: v for k, v in deltas.items() if v}


def winners(votes: dict[str, int], shortlist: list[str], eligible: int,
            max_choices: int) -> list[str]:
    """By votes (ties: shortlist order), at most `max_choices` candidates chosen by more
    than half of the eligible deputies."""
    passed = [c for c in shortlist if 2 * votes.get(c, 0) > eligible]
    passed.sort(key=lambda c: (-votes.get(c, 0), shortlist.index(c)))
    return passed[:max_choices]


def checked_ratings(ratings, project_ids: list[str]) -> dict[str, str]:
    """`{project_id: rating}` over projects of this pass; some or all of them."""
    if not isinstance(ratings, dict) or not ratings:
        raise invalid("invalid evaluation", {"ratings": "an object {project_id: rating}"})
    wrong = {p: f"one of {', '.join(RATINGS)}" for p, r in ratings.items() if r not in RATINGS}
    wrong.update({p: "not a project of this evaluation" for p in ratings
                  if p not in project_ids})
    if wrong:
        raise invalid("invalid evaluation", {"ratings": wrong})
    return dict(ratings)


def rating_deltas(previous: dict | None, ratings: dict[str, str]) -> dict[str, int]:
    deltas: dict[str, int] = {}
    for project_id, rating in (previous or {}).items():
        deltas[f"{project_id}:{rating}"] = deltas.get(f"{project_id}:{rating}", 0) - 1
    for project_id, rating in ratings.items():
        deltas[f"{project_id}:{rating}"] = deltas.get(f"{project_id}:{rating}", 0) + 1
    return {k: v for k, v in deltas.items() if v}


def satisfaction(counts: dict[str, int]) -> tuple[float | None, bool]:
    """(satisfied + basically satisfied) / ratings, and whether it is under the pass mark."""
    total = sum(counts.get(r, 0) for r in RATINGS)
    if not total:
        return None, False
    rate = round(sum(counts.get(r, 0) for r in SATISFIED) / total, 4)
    return rate, rate < PASS_MARK


def checked_progress(entries: list[dict], *, month, percent, reason) -> None:
    """A monthly report: `YYYY-MM` not before the last one, percent 0–100 that goes back
    only with a reason."""
    problems = {}
    if not isinstance(month, str) or not MONTH.match(month):
        problems["month"] = "a month as YYYY-MM"
    if isinstance(percent, bool) or not isinstance(percent, int) or not 0 <= percent <= 100:
        problems["percent"] = "a whole number from 0 to 100"
    if problems:
        raise invalid("invalid progress", problems)
    if entries and month < entries[-1]["month"]:
        raise invalid("invalid progress", {"month": f"not before {entries[-1]['month']}"})
    last = entries[-1]["percent"] if entries else 0
    if percent < last and not (isinstance(reason, str) and reason.strip()):
        raise invalid("invalid progress",
                      {"reason": f"required: percent goes back from {last} to {percent}"})


def with_progress(entries: list[dict], entry: dict) -> list[dict]:
    """The bounded list with `entry` (a second report for the same month replaces it)."""
    kept = [e for e in entries if e["month"] != entry["month"]] + [entry]
    return kept[-MAX_PROGRESS_ENTRIES:]
