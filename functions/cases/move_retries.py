"""A case move sent again with its Idempotency-Key (a phone's network retry, a form posted
twice): found on the timeline entry the first try made, as for any record with a timeline
(functions/workflow/move_retries.py); the retry returns the case, without a second entry,
notification or counter move, however late; the same key with another request is 409.
"""
from datetime import datetime

from functions.cases import views as case_views
from functions.identity.access import actor_id, roles_on
from functions.shared.errors import Forbidden
from functions.workflow.move_retries import kept_key


def entry_key(actor: dict, key: str | None) -> str | None:
    """What the entry keeps of the caller's Idempotency-Key (None: no key sent)."""
    return kept_key("case-move", actor_id(actor), key)


def case_after(case: dict, entry: dict, actor: dict, now: datetime) -> dict:
    """The case as it is now, for the caller whose earlier move `entry` is; one who lost
    sight of it by that move (a unit's return) sees it only if nothing happened since."""
    roles = roles_on(case, actor)
    if not roles and (case.get("timeline") or [None])[-1] is entry:
        roles = {entry["actor_role"]}
    if not roles:
        raise Forbidden("you may not see this case")
    return case_views.case_view(case, roles=roles, now=now)
