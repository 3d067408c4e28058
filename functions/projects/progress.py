"""A chosen project under way: lead unit and "三个一" supervisors, monthly progress
(deputies' comments and the unit's replies: comments.py)."""
import logging
from datetime import datetime

from functions.identity.access import actor_id
from functions.shared.clock import iso
from functions.shared.errors import DomainError, NotFound, ValidationFailed
from functions.shared.validation import photos_problem, text_problem
from functions.storage.keys import plausible_id
from functions.org.units import get_unit_item
from functions.cases.uploads import owns
from functions.storage import indexes
from . import keys, people, repository, rules
from .rounds import apply_rule
from .views import project_view

log = logging.getLogger(__name__)
SUPERVISORS = ("leader", "deputy_group", "office")  # 三个一: 一名领导、一个代表小组、一个工委


def _open_round(project, move: str):
    round_item = repository.get_round(project.round_id)
    apply_rule(move, round_item)
    return round_item


def _unit(unit_id):
    if not plausible_id(unit_id):
        return None
    try:
        return get_unit_item(unit_id)
    except NotFound:
        return None


def assign(*, actor: dict, project_id: str, body: dict, now: datetime) -> dict:
    """The office names the lead unit and the three supervisors."""
    project = repository.get_project(project_id)
    people.office(actor, project.region_id)
    _open_round(project, "assign")
    supervisors = body.get("supervisors")
    problems = {}
    if not isinstance(supervisors, dict) or set(supervisors) != set(SUPERVISORS):
        problems["supervisors"] = f"an object with {', '.join(SUPERVISORS)}"
    else:
        problems.update({f"supervisors.{k}": text_problem(supervisors[k], field_max=60)
                         for k in SUPERVISORS})
    unit_id = body.get("unit_id")
    unit = _unit(unit_id)
    if unit is None or unit.region_id != project.region_id or not unit.active:
        problems["unit_id"] = "an active unit of this region"
    problems = {k: v for k, v in problems.items() if v}
    if problems:
        raise ValidationFailed("invalid assignment", problems)

    def set_lead(item):
        item.unit_id, item.unit_name = unit.unit_id, unit.name
        item.supervisors = {k: supervisors[k].strip() for k in SUPERVISORS}
        indexes.projects_under_way.put_on(item, keys.PROJECTS_UNDER_WAY,
                                          item.project_id)  # monthly reminder
        item.updated_at = iso(now)
    return project_view(repository.change_project(project_id, set_lead))


def check_progress(*, actor: dict, project_id: str) -> tuple:
    """Refuse as `post_progress` would before anything (photos) is stored for it; what it
    read (the project, its round) for `post_progress` to go on from, not read again."""
    project = repository.get_project(project_id)
    people.lead_unit(actor, project)
    return project, _open_round(project, "progress")


def post_progress(*, actor: dict, project_id: str, body: dict, now: datetime,
                  checked: tuple | None = None) -> dict:
    """The lead unit's report of a month: percent never goes back without a reason.
    `checked`: what `check_progress` read for this request (else it is read here)."""
    project, _ = checked or check_progress(actor=actor, project_id=project_id)
    unit = people.lead_unit(actor, project)
    photos = body["photos"] if body.get("photos") is not None else []
    reason = body.get("reason")
    problems = {k: v for k, v in {
        "content": text_problem(body.get("content"), field_max=2000),
        "reason": text_problem(reason, field_max=500, required=False),
        "photos": photos_problem(photos, lambda f: owns(f, actor_id(unit)))}.items() if v}
    if problems:
        raise ValidationFailed("invalid progress", problems)

    def check(entries):
        try:
            rules.checked_progress(entries, month=body.get("month"),
                                   percent=body.get("percent"), reason=reason)
        except rules.RuleBroken as exc:
            raise people.domain_error(exc) from None
    check(list(project.progress or []))  # before its photos are claimed: a refusal claims none
    from functions.cases import photo_claims
    holder, claimed = f"project:{project_id}", []

    def shown_now() -> dict:
        """The photos the project shows as stored now (read only after a refusal or failure)."""
        return {"photos": list(_shown(repository.get_project(project_id)))}
    if photos:
        claimed = photo_claims.attach_photos(
            photos, owner=actor_id(unit), holder=holder, now=now, shown=_shown(project),
            read_record=shown_now)

    dropped = []  # entries the write that succeeds leaves out (the month's earlier report)

    def report(item):
        entries = list(item.progress or [])
        check(entries)  # again: another report may have come meanwhile
        entry = {"month": body["month"], "percent": body["percent"],
                 "content": body["content"].strip(), "photos": photos, "at": iso(now),
                 "uploader": actor_id(unit)}  # whose day items hold its photos' claims
        if isinstance(reason, str) and reason.strip():
            entry["reason"] = reason.strip()
        item.progress = rules.with_progress(entries, entry)
        dropped[:] = [e for e in entries if e not in item.progress]
        item.percent, item.updated_at = body["percent"], iso(now)
    try:
        # The project read above is written back if nobody wrote it since (else read again).
        saved = repository.change_project(project_id, report, read=project)
    except DomainError:  # refused after all (another report came): what it claimed is free
        photo_claims.let_go_unshown(claimed, shown_now(), owner=actor_id(unit), holder=holder)
        raise
    except Exception:  # failed (503, 500): free again unless the project shows them now
        photo_claims.let_go_after_failure(claimed, shown_now, owner=actor_id(unit),
                                          holder=holder)
        raise
    _let_go_dropped(dropped, _shown(saved), holder, actor_id(unit))
    return project_view(saved)


def _let_go_dropped(dropped: list[dict], shown: set, holder: str, poster: str) -> None:
    """Free the photos only replaced reports showed, for anything else to attach."""
    from functions.cases import photo_claims
    for entry in dropped:
        owner = entry.get("uploader") or poster  # older reports: the unit's poster now
        gone = [p for p in entry.get("photos") or [] if p not in shown and owns(p, owner)]
        try:
            photo_claims.let_go(gone, owner=owner, holder=holder)
        except Exception:  # the report stands; the photos only stay the project's
            log.exception("photos of a replaced report of %s not let go", holder)


def _shown(project) -> set:
    return {p for e in project.progress or [] for p in e.get("photos") or []}

