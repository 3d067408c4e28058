"""The office approves what the public sees of a case, or withdraws it.

Masking finds numbers and e-mail addresses but not names or home addresses, so a case the
citizen allowed to be public enters the public list only once the office has approved
its public text: pre-filled with the masked content, editable, masked again on saving.
One version-guarded write of the case, like every other change.
"""
from datetime import datetime

from functions.cases import views as case_views
from functions.identity.access import roles_on
from functions.shared.clock import iso
from functions.shared.errors import Conflict, Forbidden, ValidationFailed
from functions.shared.masking import mask_text
from functions.shared.validation import text_problem
from functions.cases import repository as case_repository

MAX_PUBLIC_TEXT = 2000


def draft_text(case: dict) -> str:
    """The text the office starts from: the content with personal numbers masked."""
    return case.get("public_text") or mask_text(case.get("content"))


def publish(*, case_id: str, actor: dict, public, public_text=None, now: datetime) -> dict:
    """Approve (`public` true) or withdraw (false) the case's public text → the case."""
    if not isinstance(public, bool):
        raise ValidationFailed("invalid publication", {"public": "true or false"})
    case = case_repository.get(case_id)
    roles = roles_on(case, actor)
    if "office" not in roles:
        raise Forbidden("only the office of the case's region may publish it")
    if public:
        if not case.get("public"):
            raise Conflict("the citizen did not allow this case to be public",
                           {"public": "not allowed by the citizen"})
        if public_text is not None:
            problem = text_problem(public_text, field_max=MAX_PUBLIC_TEXT)
            if problem:
                raise ValidationFailed("invalid public text", {"public_text": problem})
        text = mask_text(public_text.strip() if public_text is not None else draft_text(case))
        changes = {"published": True, "public_text": text}
    else:
        changes = {"published": False}
    saved = case_repository.save({**case, **changes, "updated_at": iso(now)})
    return case_views.case_view(saved, roles=roles, now=now)
