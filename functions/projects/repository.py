"""Reads and writes of project items: each a GetItem, a Query on a key or index, or one
conditional write."""
from pynamodb.exceptions import DoesNotExist, PutError

from functions.shared.errors import Conflict, NotFound
from functions.storage.conditions import is_condition_failure
from functions.storage.keys import plausible_id
from functions.storage import indexes
from . import keys
from .models import (BallotItem, CandidateItem, EvaluationItem, ProjectCommentItem,
                     ProjectItem, ProjectRoundItem)


def _get(model, pk: str, sk: str, what: str):
    try:
        return model.get(pk, sk, consistent_read=True)
    except DoesNotExist:
        raise NotFound(f"{what} not found") from None


def get_round(round_id) -> ProjectRoundItem:
    if not plausible_id(round_id):
        raise NotFound("round not found")
    return _get(ProjectRoundItem, keys.round_pk(round_id), keys.META, "round")


def get_project(project_id) -> ProjectItem:
    if not plausible_id(project_id):
        raise NotFound("project not found")
    return _get(ProjectItem, keys.project_pk(project_id), keys.META, "project")


def get_comment(project_id: str, comment_id) -> ProjectCommentItem:
    if not plausible_id(comment_id):
        raise NotFound("comment not found")
    return _get(ProjectCommentItem, keys.project_pk(project_id), keys.comment_sk(comment_id),
                "comment")


def find(model, pk: str, sk: str):
    """The item, or None."""
    try:
        return model.get(pk, sk, consistent_read=True)
    except DoesNotExist:
        return None


def create(item) -> bool:
    """Write a new item; False if one with its key exists (a retried create)."""
    try:
        item.save(condition=type(item).pk.does_not_exist())
    except PutError as exc:
        if is_condition_failure(exc):
            return False
        raise
    return True


def save_if_unchanged(item) -> bool:
    """Write a versioned item if nobody changed it since it was read; False otherwise."""
    try:
        item.save()
    except PutError as exc:
        if is_condition_failure(exc):
            return False
        raise
    return True


def save(item, what: str) -> None:
    if not save_if_unchanged(item):
        raise Conflict(f"the {what} was changed by someone else; reload and retry")


def candidates(round_id: str) -> list[CandidateItem]:
    return list(CandidateItem.query(keys.round_pk(round_id),
                                    CandidateItem.sk.startswith("CAND#")))


def ballots(round_id: str):
    """Every ballot of a round: only the tally repair reads these."""
    return BallotItem.query(keys.round_pk(round_id), BallotItem.sk.startswith("BALLOT#"),
                            consistent_read=True)


def evaluations(round_id: str, evaluation_pass: int):
    return EvaluationItem.query(keys.round_pk(round_id),
                                EvaluationItem.sk.startswith(f"EVAL#{evaluation_pass}#"),
                                consistent_read=True)


def projects_of_round(round_id: str) -> list[ProjectItem]:
    return list(indexes.round_projects.query(ProjectItem, keys.round_projects_key(round_id)))


def rounds_of_region(region_id: str) -> list[ProjectRoundItem]:
    return list(indexes.region_rounds.query(ProjectRoundItem, keys.region_rounds_key(region_id),
                                            scan_index_forward=False))


def comments(project_id: str) -> list[ProjectCommentItem]:
    return list(indexes.project_comments.query(ProjectCommentItem,
                                               keys.project_comments_key(project_id)))


def change_project(project_id: str, mutate, attempts: int = 5,
                   read: ProjectItem | None = None) -> ProjectItem:
    """Read, `mutate(item)`, write under the version; again if someone wrote in between.
    `read`: the item as the caller already read it, tried first instead of a new read."""
    for attempt in range(attempts):
        item = read if attempt == 0 and read is not None else get_project(project_id)
        mutate(item)
        if save_if_unchanged(item):
            return item
    raise Conflict("the project is changing too often right now; retry")
