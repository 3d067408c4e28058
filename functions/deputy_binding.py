"""A deputy binds their WeChat identity with the one-time code the office gave them.

No transactions: the deputy item is claimed first (conditional on the code), the user
gets the role next, the code item goes last. A retry after a crash finds the deputy
already bound to this same user and completes the remaining steps.
"""
from pynamodb.exceptions import DoesNotExist, UpdateError

from functions import users
from functions.access import require_user
from functions.deputies import get_deputy_item
from functions.domain.errors import Conflict, NotFound, ValidationFailed
from functions.storage import keys
from functions.storage.conditions import is_condition_failure
from functions.storage.models import BindCodeItem, DeputyItem, UserItem
from functions.wechat_login import session_for


def bind(*, actor: dict, bind_code) -> dict:
    actor = require_user(actor)
    code = bind_code.strip().upper() if isinstance(bind_code, str) else ""
    if not code or len(code) > 32 or not code.isalnum():
        raise ValidationFailed("invalid bind code", {"bind_code": "the code from the office"})
    try:
        link = BindCodeItem.get(keys.bind_pk(code), keys.META)
    except DoesNotExist:
        raise NotFound("this bind code is unknown or already used") from None
    deputy = get_deputy_item(link.deputy_id)
    user_id = actor["user_id"]
    user = users.get_user_item(user_id)
    if user is None:
        raise NotFound("log in again")
    if deputy.bound_user_id != user_id:
        try:
            actions = [DeputyItem.bound_user_id.set(user_id), DeputyItem.bind_code.remove()]
            if user.openid:
                actions.append(DeputyItem.openid.set(user.openid))
            deputy.update(actions=actions,
                          condition=DeputyItem.bind_code == code)
        except UpdateError as exc:
            if is_condition_failure(exc):
                raise Conflict("this deputy is already bound to another WeChat user") from None
            raise
    user.update(actions=[UserItem.roles.add({"deputy"}),
                         UserItem.deputy_id.set(deputy.deputy_id)])
    link.delete()
    return session_for(user)
