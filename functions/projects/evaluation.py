"""Satisfaction evaluation (满意度测评): deputies rate each project; closing rates them and
flags those under 60 % for a second pass of just those."""
from datetime import datetime

from functions.shared.clock import iso
from functions.storage import indexes
from . import keys, notices, people, repository, rules, tallies
from .models import EvaluationItem
from .rounds import apply_rule, plan_close, stamp
from .views import round_view


def open_evaluation(*, actor: dict, round_id: str, now: datetime,
                    body: dict | None = None) -> dict:
    """Open an evaluation pass (planned to close on `closes_on`, if given)."""
    round_item = repository.get_round(round_id)
    people.office(actor, round_item.region_id)
    projects = repository.projects_of_round(round_id)
    flagged = [p.project_id for p in projects if p.needs_re_evaluation]
    state = apply_rule("open_evaluation", round_item,
                       evaluation_pass=int(round_item.evaluation_pass or 0),
                       flagged=len(flagged))
    second = round_item.state == "closed"
    if not second and not projects:
        raise people.domain_error(rules.out_of_state("no project to evaluate"))
    round_item.state = state
    round_item.evaluation_pass = int(round_item.evaluation_pass or 0) + 1
    round_item.evaluation_projects = flagged if second else [p.project_id for p in projects]
    plan_close(round_item, body, now)
    stamp(round_item, "open_evaluation", now)
    repository.save(round_item, "round")
    notices.opened(round_item, now)
    return round_view(round_item)


def evaluate(*, actor: dict, round_id: str, body: dict, now: datetime) -> dict:
    """The deputy's ratings of this pass, merged into their earlier ones until close."""
    round_item = repository.get_round(round_id)
    deputy = people.deputy(actor, round_item.region_id)
    apply_rule("evaluate", round_item)
    this_pass = int(round_item.evaluation_pass)
    try:
        ratings = rules.checked_ratings(body.get("ratings"),
                                        list(round_item.evaluation_projects or []))
    except rules.RuleBroken as exc:
        raise people.domain_error(exc) from None
    pk, sk = keys.round_pk(round_id), keys.evaluation_sk(this_pass, deputy.deputy_id)

    def attempt():
        item = repository.find(EvaluationItem, pk, sk)
        previous = dict(item.ratings) if item else None
        item = item or EvaluationItem(pk=pk, sk=sk, round_id=round_id,
                                      evaluation_pass=this_pass)
        item.ratings, item.rated_at = {**(previous or {}), **ratings}, iso(now)
        if not repository.save_if_unchanged(item):
            return None
        deltas = rules.rating_deltas(previous, item.ratings)
        if previous is None:
            deltas["deputies"] = 1
        return item, deltas

    def still_open():
        current = repository.get_round(round_id)
        apply_rule("evaluate", current)
        if int(current.evaluation_pass) != this_pass:
            raise people.domain_error(rules.out_of_state("this evaluation pass has closed"))

    item = tallies.counted_write(keys.rating_tally_pk(round_id, this_pass), attempt,
                                 check=still_open)
    return {"round_id": round_id, "pass": this_pass, "ratings": dict(item.ratings),
            "rated_at": item.rated_at}


def _rebuild(round_id: str, this_pass: int):
    def totals() -> dict[str, int]:
        counts: dict[str, int] = {}
        for item in repository.evaluations(round_id, this_pass):
            counts["deputies"] = counts.get("deputies", 0) + 1
            for project_id, rating in item.ratings.items():
                name = f"{project_id}:{rating}"
                counts[name] = counts.get(name, 0) + 1
        return counts
    return totals


def close_evaluation(*, actor: dict, round_id: str, now: datetime) -> dict:
    """Close the pass: each project's satisfaction rate, flagged under 60 %. A retry after
    a crash between the state change and the results finishes the results."""
    round_item = repository.get_round(round_id)
    people.office(actor, round_item.region_id)
    this_pass = int(round_item.evaluation_pass or 0)
    if not (round_item.state == "closed" and this_pass not in (round_item.evaluated or [])):
        round_item.state = apply_rule("close_evaluation", round_item)
        round_item.closes_at = None
        indexes.rounds_closing.take_off(round_item)
        stamp(round_item, "close_evaluation", now)
        repository.save(round_item, "round")
    figures = tallies.settled(keys.rating_tally_pk(round_id, this_pass),
                              _rebuild(round_id, this_pass))
    for project_id in round_item.evaluation_projects or []:
        counts = {r: int(figures.get(f"{project_id}:{r}", 0)) for r in rules.RATINGS}
        rate, low = rules.satisfaction(counts)

        def record(project, counts=counts, rate=rate, low=low):
            done = [e for e in project.evaluations or [] if e["pass"] != this_pass]
            project.evaluations = done + [{"pass": this_pass, "rate": rate, "ratings": counts}]
            project.satisfaction_rate = rate
            project.needs_re_evaluation = low
            indexes.projects_under_way.take_off(project)  # no more monthly reports asked for
            project.updated_at = iso(now)
        repository.change_project(project_id, record)
    round_item.evaluated = sorted(set(round_item.evaluated or []) | {this_pass})
    round_item.updated_at = iso(now)
    repository.save(round_item, "round")
    return round_view(round_item)
