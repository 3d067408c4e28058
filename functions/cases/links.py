"""A case a deputy turned into a suggestion: the link and its timeline entry.

Called by functions/suggestions when a deputy drafts from own cases. The case keeps its
status; the link is one version-guarded write, and linking twice changes nothing.
"""
from datetime import datetime

from functions.cases import repository as case_repository
from functions.identity.access import roles_on
from functions.shared.errors import Conflict, NotFound
from functions.workflow.engine import timeline_entry


def deputy_may_link(case_id: str, actor: dict) -> bool:
    """Whether the case exists and the actor reads it as its deputy."""
    try:
        case = case_repository.get(case_id)
    except NotFound:
        return False
    return "deputy" in roles_on(case, actor)


def link_suggestion(*, case_id: str, suggestion_id: str, title: str, now: datetime) -> dict:
    """The case now naming the suggestion, with a `suggestion` entry on its timeline."""
    for attempt in range(3):
        case = case_repository.get(case_id)
        if suggestion_id in (case.get("suggestion_ids") or []):
            return case
        new = dict(case)
        new["suggestion_ids"] = list(case.get("suggestion_ids") or []) + [suggestion_id]
        new["timeline"] = list(case.get("timeline") or []) + [timeline_entry(
            at=now, actor={"role": "deputy", "name": case.get("deputy_name")},
            action="suggestion", status=case["status"],
            extra={"suggestion_id": suggestion_id, "title": title})]
        try:
            return case_repository.save(new)
        except Conflict:
            if attempt == 2:
                raise
    raise Conflict("the case kept changing; try again")
