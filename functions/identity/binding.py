"""A deputy binds their WeChat identity with the one-time code the office gave them.

Three store calls and no transactions: read the code, claim the deputy with one
conditional update (the code must still be on the deputy, or the deputy already bound
to this same user: a retry after a crash completes), then give the user the role.
The used code item stays behind as a tombstone: a second user trying it is refused.
"""
from pynamodb.exceptions import UpdateError

from functions import deputies
from functions.identity.access import require_user
from functions.shared.errors import NotFound, ValidationFailed
from functions.storage import keys
from functions.storage.conditions import is_condition_failure
from functions.storage.models import UserItem
from functions.identity.wechat_login import session_for


def bind(*, actor: dict, bind_code) -> dict:
    actor = require_user(actor)
    code = bind_code.strip().upper() if isinstance(bind_code, str) else ""
    if not code or len(code) > 32 or not code.isalnum():
        raise ValidationFailed("invalid bind code", {"bind_code": "the code from the office"})
    deputy_id = deputies.claim_with_bind_code(code=code, user_id=actor["user_id"],
                                              openid=actor.get("openid"))
    if deputy_id is None:
        raise NotFound("this bind code is unknown or already used")
    user = UserItem(pk=keys.user_pk(actor["user_id"]), sk=keys.META)
    try:
        user.update(actions=[UserItem.roles.add({"deputy"}),
                             UserItem.deputy_id.set(deputy_id)],
                    condition=UserItem.pk.exists())
    except UpdateError as exc:
        if is_condition_failure(exc):
            raise NotFound("log in again") from None
        raise
    return session_for(user)
