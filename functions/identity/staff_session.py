"""Staff log in with username and password and get our own expiring token; log out."""
from functions.identity import principals
from functions.shared.errors import ValidationFailed
from functions.identity.staff_accounts import authenticate


def login(*, username, password, address: str | None = None) -> dict:
    if not isinstance(username, str) or not isinstance(password, str) \
            or not username or not password or len(username) > 64 \
            or len(password) > 256:
        raise ValidationFailed("username and password are required",
                               {"username": "required", "password": "required"})
    # A name of blanks is simply no account (401): the document allows any non-empty text.
    item = authenticate(username=username.strip().lower(), password=password,
                        address=address)
    staff = {"username": item.username, "role": item.role, "region_id": item.region_id,
             "unit_id": item.unit_id}
    return {**principals.staff_session(item), "staff": staff}


def logout(*, actor: dict) -> None:
    """End every session of the caller's account (API tokens and admin cookies)."""
    principals.end_staff_sessions(actor["username"])
