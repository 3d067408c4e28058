"""The deputies' vote (票决): open, secret ballots counted as they arrive, close.

Who chose what never leaves this module: ballots are read only to rebuild the tally, and
every answer is a count.
"""
from datetime import datetime

from functions.shared.clock import iso
from functions.storage import indexes
from functions import deputies
from . import keys, notices, people, repository, rules, tallies
from .models import BallotItem, ProjectItem
from .rounds import apply_rule, plan_close, stamp
from .views import round_view, turnout_view


def open_vote(*, actor: dict, round_id: str, now: datetime, body: dict | None = None) -> dict:
    """Open the vote (planned to close on `closes_on`, if given); the deputies hear of it."""
    round_item = repository.get_round(round_id)
    people.office(actor, round_item.region_id)
    state = apply_rule("open_vote", round_item)
    if not round_item.shortlist:
        raise people.domain_error(rules.out_of_state("shortlist candidates before the vote"))
    plan_close(round_item, body, now)
    # The roll is fixed now: the threshold is known from the first ballot and no change
    # of the deputies during the vote moves it (docs/projects.md, "Who may vote").
    roll = deputies.active_ids(round_item.region_id)
    round_item.state, round_item.eligible, round_item.electorate = state, len(roll), roll
    stamp(round_item, "open_vote", now)
    repository.save(round_item, "round")
    notices.opened(round_item, now)
    return round_view(round_item)


def cast_ballot(*, actor: dict, round_id: str, body: dict, now: datetime) -> dict:
    """The deputy's ballot, replacing their earlier one; the answer says how many they
    chose, never which."""
    round_item = repository.get_round(round_id)
    deputy = people.deputy(actor, round_item.region_id)
    apply_rule("ballot", round_item)  # fails fast; checked again once counted as pending
    people.on_roll(round_item, deputy)
    try:
        choices = rules.checked_choices(body.get("choices"), list(round_item.shortlist or []),
                                        int(round_item.max_choices))
    except rules.RuleBroken as exc:
        raise people.domain_error(exc) from None
    pk, sk = keys.round_pk(round_id), keys.ballot_sk(deputy.deputy_id)

    def attempt():
        ballot = repository.find(BallotItem, pk, sk)
        previous = list(ballot.choices) if ballot else None
        ballot = ballot or BallotItem(pk=pk, sk=sk, round_id=round_id)
        ballot.choices, ballot.cast_at = choices, iso(now)
        if not repository.save_if_unchanged(ballot):
            return None
        return previous is not None, rules.ballot_deltas(previous, choices)

    def still_open():
        apply_rule("ballot", repository.get_round(round_id))

    replaced = tallies.counted_write(keys.tally_pk(round_id), attempt, check=still_open)
    return {"round_id": round_id, "cast_at": iso(now), "chosen": len(choices),
            "replaced": replaced}


def turnout(*, actor: dict, round_id: str) -> dict:
    """How many eligible deputies have voted so far (one read, however many voted)."""
    round_item = repository.get_round(round_id)
    people.office(actor, round_item.region_id)
    return turnout_view(round_item, tallies.numbers(keys.tally_pk(round_id)))


def _rebuild(round_id: str):
    def totals() -> dict[str, int]:
        counts: dict[str, int] = {}
        for ballot in repository.ballots(round_id):
            counts["ballots"] = counts.get("ballots", 0) + 1
            for choice in ballot.choices:
                counts[f"votes:{choice}"] = counts.get(f"votes:{choice}", 0) + 1
        return counts
    return totals


def recount(*, actor: dict, round_id: str) -> dict:
    """Rebuild the tally from the ballots if a change did not finish; turnout only."""
    round_item = repository.get_round(round_id)
    people.office(actor, round_item.region_id)
    figures = tallies.settled(keys.tally_pk(round_id), _rebuild(round_id))
    return turnout_view(round_item, figures)


def close_vote(*, actor: dict, round_id: str, now: datetime) -> dict:
    """Stop the vote, then count: the state changes first so no ballot lands after the
    count; a retry after a crash in between finishes the count."""
    round_item = repository.get_round(round_id)
    people.office(actor, round_item.region_id)
    if not (round_item.state == "in_progress" and round_item.results is None):
        round_item.state = apply_rule("close_vote", round_item)
        round_item.closes_at = None
        indexes.rounds_closing.take_off(round_item)
        stamp(round_item, "close_vote", now)
        repository.save(round_item, "round")
    figures = tallies.settled(keys.tally_pk(round_id), _rebuild(round_id))
    shortlist = list(round_item.shortlist or [])
    votes = {c: int(figures.get(f"votes:{c}", 0)) for c in shortlist}
    selected = rules.winners(votes, shortlist, int(round_item.eligible or 0),
                             int(round_item.max_choices))
    _create_projects(round_item, selected, votes, now)
    round_item.results, round_item.selected = votes, selected
    round_item.updated_at = iso(now)
    repository.save(round_item, "round")
    return round_view(round_item)


def _create_projects(round_item, selected: list[str], votes: dict, now: datetime) -> None:
    """One project per chosen candidate, its id derived from both: re-running adds none."""
    by_id = {c.candidate_id: c for c in repository.candidates(round_item.round_id)}
    for candidate_id in selected:
        candidate = by_id[candidate_id]
        project_id = f"{round_item.round_id}-{candidate_id}"[:64]
        repository.create(ProjectItem(
            pk=keys.project_pk(project_id), sk=keys.META, project_id=project_id,
            round_id=round_item.round_id, region_id=round_item.region_id,
            year=round_item.year, candidate_id=candidate_id, title=candidate.title,
            description=candidate.description, votes=votes[candidate_id], progress=[],
            percent=0, created_at=iso(now), updated_at=iso(now),
            **indexes.round_projects.entry(keys.round_projects_key(round_item.round_id),
                                           candidate_id),
            **indexes.region_projects.entry(keys.region_projects_key(round_item.region_id),
                                            f"{int(round_item.year)}#{project_id}")))
