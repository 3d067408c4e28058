"""The H5 pages' own cookies: the login token and a CSRF secret.

They stay apart from Flask's `session` cookie, which the admin pages clear at each staff
login. The token is the same bearer token the API issues (HttpOnly, SameSite=Lax, so it
never reaches page scripts or cross-site posts); forms carry an HMAC of the CSRF cookie
and the logged-in user, so a form token is worthless without the browser's own cookie,
in another user's session, or without the app secret.
"""
import hashlib
import hmac
import secrets
from urllib.parse import urlsplit

from flask import g, request

from functions.identity import tokens as auth_tokens, principals
from functions.shared.clock import now as clock_now, parse_iso
from functions.shared.config import settings
from functions.shared.errors import DomainError, Forbidden

TOKEN_COOKIE = "h5_token"
CSRF_COOKIE = "h5_csrf"
CSRF_FIELD = "csrf_token"


def current_actor() -> dict | None:
    """The logged-in H5 user as the store has them now, or None (no cookie, expired,
    forged, logged out, not a user)."""
    if "h5_actor" not in g:
        token = request.cookies.get(TOKEN_COOKIE)
        try:
            claims = auth_tokens.verify(token) if token else None
            if claims and claims["kind"] != "user":
                claims = None
            g.h5_actor = principals.load_actor(claims) if claims else None
        except DomainError:
            g.h5_actor = None
    return g.h5_actor


def csrf_token() -> str:
    """The token forms on this page carry; starts a CSRF cookie if the browser has none."""
    secret = request.cookies.get(CSRF_COOKIE)
    if not secret or len(secret) < 32:
        secret = g.get("h5_new_csrf") or secrets.token_urlsafe(32)
        g.h5_new_csrf = secret
    return _sign(secret, _session_of_form())


def check_csrf() -> None:
    """Refuse a form post whose token does not match this browser's CSRF cookie."""
    secret = request.cookies.get(CSRF_COOKIE) or ""
    sent = request.form.get(CSRF_FIELD) or ""
    if len(secret) < 32 or not hmac.compare_digest(_sign(secret, _session_of_form()), sent):
        raise Forbidden("the form has expired, reload the page", {"csrf": "invalid"})


def finish(response):
    """Set the cookies this request started; pages with personal data are never cached."""
    if request.endpoint == "h5.static":
        return response  # CSS and script: cacheable, no cookies
    if g.get("h5_new_csrf"):
        response.set_cookie(CSRF_COOKIE, g.h5_new_csrf, httponly=True, samesite="Lax",
                            secure=request.is_secure, path="/")
    response.headers["Cache-Control"] = "no-store"
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Referrer-Policy"] = "same-origin"
    response.headers.setdefault(
        "Content-Security-Policy",
        "default-src 'self'; img-src 'self' https: http: data: blob:; "
        "form-action 'self'; frame-ancestors 'none'; base-uri 'none'")
    return response


def log_in(response, session: dict):
    """Keep the session token in the browser until it expires."""
    seconds = int((parse_iso(session["expires_at"]) - clock_now()).total_seconds())
    response.set_cookie(TOKEN_COOKIE, session["token"], max_age=max(seconds, 0),
                        httponly=True, samesite="Lax", secure=request.is_secure, path="/")
    return response


def log_out(response):
    """End every session of this user (a copied cookie is dead too) and drop the cookie."""
    actor = current_actor()
    if actor:
        principals.end_user_sessions(actor["user_id"])
    response.delete_cookie(TOKEN_COOKIE, path="/", httponly=True, samesite="Lax",
                           secure=request.is_secure)
    return response


def safe_next(target: str | None, default: str = "/h5/mine") -> str:
    """Only a path on this site: never an open redirect to somewhere else."""
    if not target or not target.startswith("/") or target.startswith("//") \
            or "\\" in target:
        return default
    parts = urlsplit(target)
    return default if parts.scheme or parts.netloc else target


def _session_of_form() -> str:
    """Whose session a form belongs to: a form token is worthless in another session."""
    actor = current_actor()
    return actor["user_id"] if actor else ""


def _sign(secret: str, session_user: str) -> str:
    key = settings().secret_key.encode()
    message = f"h5-csrf\x1f{secret}\x1f{session_user}".encode()
    return hmac.new(key, message, hashlib.sha256).hexdigest()
