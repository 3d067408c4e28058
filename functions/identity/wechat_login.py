"""Mini-program login: a wx.login code becomes our own token (never the session_key)."""
from functions.identity import users
from functions.identity.principals import user_session
from functions.shared.config import settings
from functions.shared.errors import ValidationFailed


def login(*, code) -> dict:
    if not isinstance(code, str) or not code.strip() or len(code) > 128:
        raise ValidationFailed("invalid login", {"code": "the code from wx.login"})
    if settings().wechat_dev_mode:
        openid = f"dev-{code.strip()}"
    else:
        from functions.channels import wechat
        openid = wechat.code_to_session(code.strip())["openid"]
    user = users.find_or_create(user_id=users.wechat_user_id(openid), openid=openid)
    return user_session(user)
