"""Mini-program login: a wx.login code becomes our own token (never the session_key)."""
from functions.identity import tokens as auth_tokens, users
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
    return session_for(user)


def session_for(user) -> dict:
    """A fresh token for this user with their current roles."""
    view = users.user_view(user)
    claims = {"kind": "user", "user_id": view["id"], "roles": view["roles"]}
    if user.openid:
        claims["openid"] = user.openid  # the caller's own; msg_sec_check v2 needs it
    if view.get("deputy_id"):
        claims["deputy_id"] = view["deputy_id"]
    return {**auth_tokens.issue(claims), "user": view}
