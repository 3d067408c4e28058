"""Staff log in with username and password and get our own expiring token."""
from functions.identity import tokens as auth_tokens
from functions.shared.errors import ValidationFailed
from functions.identity.staff_accounts import authenticate


def login(*, username, password) -> dict:
    if not isinstance(username, str) or not isinstance(password, str) \
            or not username.strip() or not password or len(username) > 64 \
            or len(password) > 256:
        raise ValidationFailed("username and password are required",
                               {"username": "required", "password": "required"})
    account = authenticate(username=username.strip().lower(), password=password)
    claims = {"kind": "staff", "username": account["username"], "role": account["role"],
              "region_id": account["region_id"]}
    if account.get("unit_id"):
        claims["unit_id"] = account["unit_id"]
    staff = {"username": account["username"], "role": account["role"],
             "region_id": account["region_id"], "unit_id": account.get("unit_id")}
    return {**auth_tokens.issue(claims), "staff": staff}
