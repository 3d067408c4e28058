"""A chosen project under way: lead unit and "三个一" supervisors, monthly progress,
deputies' comments and the unit's replies."""
from datetime import datetime

from pynamodb.exceptions import UpdateError

from functions.identity.access import actor_id
from functions.shared.clock import iso
from functions.shared.errors import Conflict, DomainError, NotFound, ValidationFailed
from functions.shared.validation import photos_problem, text_problem
from functions.shared.ids import derived_id
from functions.storage.conditions import is_condition_failure
from functions.storage.keys import plausible_id
from functions.org.units import get_unit_item
from functions.cases.uploads import owns
from functions.storage import indexes
from . import keys, notices, people, repository, rules
from .models import ProjectCommentItem
from .rounds import apply_rule, required_key
from .views import comment_view, project_view

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


def check_progress(*, actor: dict, project_id: str) -> None:
    """Refuse as `post_progress` would before anything (photos) is stored for it."""
    project = repository.get_project(project_id)
    people.lead_unit(actor, project)
    _open_round(project, "progress")


def post_progress(*, actor: dict, project_id: str, body: dict, now: datetime) -> dict:
    """The lead unit's report of a month: percent never goes back without a reason."""
    project = repository.get_project(project_id)
    unit = people.lead_unit(actor, project)
    _open_round(project, "progress")
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
    if photos:
        claimed = photo_claims.attach_photos(photos, owner=actor_id(unit), holder=holder,
                                             now=now, shown=_shown(project))

    def report(item):
        entries = list(item.progress or [])
        check(entries)  # again: another report may have come meanwhile
        entry = {"month": body["month"], "percent": body["percent"],
                 "content": body["content"].strip(), "photos": photos, "at": iso(now)}
        if isinstance(reason, str) and reason.strip():
            entry["reason"] = reason.strip()
        item.progress = rules.with_progress(entries, entry)
        item.percent, item.updated_at = body["percent"], iso(now)
    try:
        return project_view(repository.change_project(project_id, report))
    except DomainError:  # refused after all (another report came): what it claimed is free
        shown = _shown(repository.get_project(project_id))
        photo_claims.let_go([p for p in claimed if p not in shown], owner=actor_id(unit),
                            holder=holder)
        raise


def _shown(project) -> set:
    return {p for e in project.progress or [] for p in e.get("photos") or []}


def comment(*, actor: dict, project_id: str, idempotency_key: str | None, body: dict,
            now: datetime) -> tuple[dict, bool]:
    """A deputy of the region comments on a project under way."""
    project = repository.get_project(project_id)
    deputy = people.deputy(actor, project.region_id)
    key = required_key(idempotency_key)
    _open_round(project, "comment")
    problem = text_problem(body.get("content"), field_max=1000)
    if problem:
        raise ValidationFailed("invalid comment", {"content": problem})
    comment_id = "m" + derived_id("comment", project_id, deputy.deputy_id, key)
    item = ProjectCommentItem(
        pk=keys.project_pk(project_id), sk=keys.comment_sk(comment_id), comment_id=comment_id,
        project_id=project_id, deputy_id=deputy.deputy_id, deputy_name=deputy.name,
        content=body["content"].strip(), created_at=iso(now),
        **indexes.project_comments.entry(keys.project_comments_key(project_id),
                                         f"{iso(now)}#{comment_id}"))
    if repository.create(item):
        notices.commented(project, item, now)
        return comment_view(item), True
    existing = repository.get_comment(project_id, comment_id)
    if existing.content != item.content:
        raise Conflict("this Idempotency-Key was already used for a different comment",
                       {"Idempotency-Key": "reused with a different request"})
    return comment_view(existing), False


def reply(*, actor: dict, project_id: str, comment_id: str, body: dict,
          now: datetime) -> dict:
    """The lead unit answers a comment, once."""
    project = repository.get_project(project_id)
    people.lead_unit(actor, project)
    item = repository.get_comment(project_id, comment_id)
    problem = text_problem(body.get("content"), field_max=1000)
    if problem:
        raise ValidationFailed("invalid reply", {"content": problem})
    if item.reply:
        raise people.domain_error(rules.out_of_state("this comment has been answered"))
    answer = {"content": body["content"].strip(), "at": iso(now),
              "unit_name": project.unit_name}
    try:
        item.update(actions=[ProjectCommentItem.reply.set(answer)],
                    condition=ProjectCommentItem.reply.does_not_exist())
    except UpdateError as exc:
        if is_condition_failure(exc):
            raise people.domain_error(
                rules.out_of_state("this comment has been answered")) from None
        raise
    return comment_view(item)

