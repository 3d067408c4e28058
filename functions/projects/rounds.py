"""A region's round: created by the office, candidates proposed, shortlisted, read."""
from datetime import date, datetime, time, timezone

from functions.identity.access import actor_id
from functions.shared.clock import iso
from functions.shared.errors import InvalidTransition, ValidationFailed, key_reused
from functions.shared.validation import text_problem
from functions.shared.working_days import SHANGHAI
from functions.shared.ids import derived_id
from functions.storage import indexes
from . import keys, people, repository, rules
from .models import CandidateItem, ProjectRoundItem
from .views import candidate_view, round_view


def required_key(value) -> str:
    key = (value or "").strip() if isinstance(value, str) else ""
    if not key or len(key) > 100:
        raise ValidationFailed("an Idempotency-Key header (1–100 characters) is required",
                               {"Idempotency-Key": "required, at most 100 characters"})
    return key


def apply_rule(move: str, round_item, **facts) -> str:
    try:
        return rules.next_state(round_item.state, move, **facts)
    except rules.RuleBroken as exc:
        raise people.domain_error(exc) from None


def plan_close(round_item, body: dict | None, now: datetime) -> None:
    """`closes_on` (a Beijing date, optional) → the round's planned close, the end of that
    day; the deputies are reminded a day before. Cleared when the vote/evaluation closes."""
    closes_on = (body or {}).get("closes_on")
    round_item.closes_at = None
    indexes.rounds_closing.take_off(round_item)
    if closes_on is None:
        return
    try:
        day = date.fromisoformat(closes_on) if isinstance(closes_on, str) else None
    except ValueError:
        day = None
    if day is None or day < now.astimezone(SHANGHAI).date():
        raise ValidationFailed("invalid closing date",
                               {"closes_on": "a date (YYYY-MM-DD) from today on"})
    end = datetime.combine(day, time(23, 59, 59), SHANGHAI).astimezone(timezone.utc)
    round_item.closes_at = iso(end)
    indexes.rounds_closing.put_on(round_item, keys.ROUNDS_CLOSING,
                                  f"{iso(end)}#{round_item.round_id}")


def stamp(round_item, action: str, now: datetime) -> None:
    round_item.updated_at = iso(now)
    round_item.timeline = (round_item.timeline or []) + [
        {"at": iso(now), "action": action, "state": round_item.state}]


def create_round(*, actor: dict, idempotency_key: str | None, body: dict,
                 now: datetime) -> tuple[dict, bool]:
    """A new round in `collecting` (True), or the one this key already made (False)."""
    office = people.office(actor)
    key = required_key(idempotency_key)
    year, max_choices = body.get("year"), body.get("max_choices")
    problems = {"title": text_problem(body.get("title"), field_max=60)}
    if isinstance(year, bool) or not isinstance(year, int) or not 2000 <= year <= 2100:
        problems["year"] = "a year such as 2027"
    if isinstance(max_choices, bool) or not isinstance(max_choices, int) \
            or not 1 <= max_choices <= 50:
        problems["max_choices"] = "a whole number from 1 to 50"
    problems = {k: v for k, v in problems.items() if v}
    if problems:
        raise ValidationFailed("invalid round", problems)
    round_id = "r" + derived_id("round", actor_id(office), key)
    item = ProjectRoundItem(
        pk=keys.round_pk(round_id), sk=keys.META, round_id=round_id,
        region_id=office["region_id"], year=year, title=body["title"].strip(),
        max_choices=max_choices, state="collecting", shortlist=[], evaluation_pass=0,
        created_by=actor_id(office), created_at=iso(now), updated_at=iso(now),
        timeline=[{"at": iso(now), "action": "create", "state": "collecting"}],
        **indexes.region_rounds.entry(keys.region_rounds_key(office["region_id"]),
                                      f"{year}#{iso(now)}"))
    if repository.create(item):
        return round_view(item), True
    existing = repository.get_round(round_id)
    if (existing.year, existing.title, existing.max_choices) != (year, item.title, max_choices):
        raise key_reused("round")
    return round_view(existing), False


def propose(*, actor: dict, round_id: str, idempotency_key: str | None, body: dict,
            now: datetime) -> tuple[dict, bool]:
    """A candidate proposed by a deputy or the office of the round's region; a retry of its
    key gets the stored candidate, even once the round has left `collecting`."""
    round_item = repository.get_round(round_id)
    if actor and actor.get("kind") == "staff":
        proposer, kind = actor_id(people.office(actor, round_item.region_id)), "office"
    else:
        proposer, kind = people.deputy(actor, round_item.region_id).deputy_id, "deputy"
    key = required_key(idempotency_key)
    candidate_id = "c" + derived_id("candidate", round_id, proposer, key)
    pk, sk = keys.round_pk(round_id), keys.candidate_sk(candidate_id)
    try:
        apply_rule("propose", round_item)
        problems = {k: v for k, v in {
            "title": text_problem(body.get("title"), field_max=60),
            "description": text_problem(body.get("description"), field_max=2000)}.items() if v}
        if problems:
            raise ValidationFailed("invalid candidate", problems)
    except (InvalidTransition, ValidationFailed):
        stored = repository.find(CandidateItem, pk, sk)  # only a refused proposal reads it
        if stored is None:
            raise
        return _repeated(stored, body, round_item), False
    item = CandidateItem(
        pk=pk, sk=sk, candidate_id=candidate_id, round_id=round_id,
        title=body["title"].strip(), description=body["description"].strip(),
        proposed_by=kind, proposer_key=derived_id(proposer, key), created_at=iso(now))
    if repository.create(item):
        return candidate_view(item, round_item), True
    return _repeated(repository.find(CandidateItem, pk, sk), body, round_item), False


def _repeated(existing: CandidateItem, body: dict, round_item) -> dict:
    """The stored candidate of a retried key; 409 if the key came with another one."""
    asked = tuple(v.strip() if isinstance(v, str) else v
                  for v in (body.get("title"), body.get("description")))
    if asked != (existing.title, existing.description):
        raise key_reused("candidate")
    return candidate_view(existing, round_item)


def shortlist(*, actor: dict, round_id: str, body: dict, now: datetime) -> dict:
    """The office picks the candidates the deputies will vote on (replacing its last pick)."""
    round_item = repository.get_round(round_id)
    people.office(actor, round_item.region_id)
    apply_rule("shortlist", round_item)
    known = [c.candidate_id for c in repository.candidates(round_id)]
    try:
        round_item.shortlist = rules.checked_shortlist(body.get("candidate_ids"), known)
    except rules.RuleBroken as exc:
        raise people.domain_error(exc) from None
    stamp(round_item, "shortlist", now)
    repository.save(round_item, "round")
    return round_view(round_item)
