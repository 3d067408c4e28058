"""Deputies of the region comment on a project under way; the lead unit replies once.

A comment's id derives from the project, the deputy and the Idempotency-Key, written with
attribute_not_exists. A retry is answered from the stored comment however late it comes:
when the checks a new comment must pass refuse it (the round has moved on), the key's
comment is read before the refusal is given, so only a refused comment pays that read.
"""
from datetime import datetime

from pynamodb.exceptions import UpdateError

from functions.shared.clock import iso
from functions.shared.errors import InvalidTransition, ValidationFailed, key_reused
from functions.shared.ids import derived_id
from functions.shared.validation import text_problem
from functions.storage import indexes
from functions.storage.conditions import is_condition_failure
from . import keys, notices, people, repository, rules
from .models import ProjectCommentItem
from .rounds import apply_rule, required_key
from .views import comment_view


def comment(*, actor: dict, project_id: str, idempotency_key: str | None, body: dict,
            now: datetime) -> tuple[dict, bool]:
    """A deputy of the region comments on a project under way."""
    project = repository.get_project(project_id)
    deputy = people.deputy(actor, project.region_id)
    key = required_key(idempotency_key)
    comment_id = "m" + derived_id("comment", project_id, deputy.deputy_id, key)
    try:
        apply_rule("comment", repository.get_round(project.round_id))
        problem = text_problem(body.get("content"), field_max=1000)
        if problem:
            raise ValidationFailed("invalid comment", {"content": problem})
    except (InvalidTransition, ValidationFailed):
        stored = repository.find(ProjectCommentItem, keys.project_pk(project_id),
                                 keys.comment_sk(comment_id))
        if stored is None:
            raise
        return _repeated(stored, body), False  # a late retry: not checked again as new
    item = ProjectCommentItem(
        pk=keys.project_pk(project_id), sk=keys.comment_sk(comment_id), comment_id=comment_id,
        project_id=project_id, deputy_id=deputy.deputy_id, deputy_name=deputy.name,
        content=body["content"].strip(), created_at=iso(now),
        **indexes.project_comments.entry(keys.project_comments_key(project_id),
                                         f"{iso(now)}#{comment_id}"))
    if repository.create(item):
        notices.commented(project, item, now)
        return comment_view(item), True
    return _repeated(repository.get_comment(project_id, comment_id), body), False


def _repeated(existing: ProjectCommentItem, body: dict) -> dict:
    """The stored comment of a retried key; 409 if the key came with another comment."""
    content = body.get("content")
    if (content.strip() if isinstance(content, str) else content) != existing.content:
        raise key_reused("comment")
    return comment_view(existing)


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

