"""The admin web page's blueprint: cookie session, CSRF on every form, roles, errors.

The session cookie names the account and the session generation it was started under,
nothing more (signed by Flask, HttpOnly, SameSite=Lax, 8 hours from login whatever the
activity). Every page loads the account and takes its role, region and unit from it
(functions/principals.py): a locked account, a reset password or a logout anywhere ends
the session at the next click, and a copy of the cookie replayed after logout is refused.
"""
import hmac
import secrets
from datetime import timedelta
from functools import wraps
from urllib.parse import urlsplit

from flask import (Blueprint, abort, flash, g, redirect, render_template, request, session,
                   url_for)

from functions.shared import clock
from functions.identity import principals
from functions.shared.moments import last_day_text, local_time
from functions.shared.errors import DomainError, Unauthorized
from miniprogram_api.admin.messages import LABELS, describe_error

SESSION_HOURS = 8
bp = Blueprint("admin", __name__, url_prefix="/admin")


@bp.record_once
def _cookie_settings(state):
    settings = state.app.config.get("SETTINGS")
    state.app.config.update(SESSION_COOKIE_HTTPONLY=True, SESSION_COOKIE_SAMESITE="Lax",
                            PERMANENT_SESSION_LIFETIME=timedelta(hours=SESSION_HOURS),
                            # In the cloud (no local store) the page is only ever HTTPS.
                            SESSION_COOKIE_SECURE=bool(settings and not settings.is_local_store))


def csrf_token() -> str:
    if "csrf" not in session:
        session["csrf"] = secrets.token_urlsafe(32)
    return session["csrf"]


def current_actor() -> dict | None:
    """The logged-in staff actor as the account is now, or None (no session, past its
    8 hours, ended by logout or reset, account locked)."""
    if "admin_actor" not in g:
        g.admin_actor = _load_actor()
    return g.admin_actor


def _load_actor() -> dict | None:
    username, generation = session.get("staff"), session.get("generation")
    since = session.get("login_at", 0)
    if not isinstance(username, str) or not isinstance(generation, int) \
            or clock.now().timestamp() - since > SESSION_HOURS * 3600:
        return None
    claims = {"kind": "staff", "id": username, "generation": generation}
    try:
        return principals.load_actor(claims)
    except Unauthorized:
        return None


def start_session(account) -> None:
    """A fresh session for this staff account item (nothing from before survives)."""
    session.clear()  # fixation: a session id planted before login is not kept
    session.permanent = True
    session.update(staff=account.username, generation=account.session_generation or 0,
                   login_at=int(clock.now().timestamp()), csrf=secrets.token_urlsafe(32))
    g.pop("admin_actor", None)


def staff_page(*roles):
    """The view needs a logged-in staff member holding one of `roles` (any if none)."""
    def decorate(view):
        @wraps(view)
        def wrapper(*args, **kwargs):
            actor = current_actor()
            if actor is None:
                session.clear()
                return redirect(url_for("admin.login", next=request.full_path))
            if roles and actor["role"] not in roles:
                abort(403)
            return view(actor, *args, **kwargs)
        return wrapper
    return decorate


def now():
    return clock.now()


def safe_next(target: str | None, default: str) -> str:
    """Only a path on this site: never an open redirect to another host."""
    if target and target.startswith("/") and not target.startswith("//") \
            and not urlsplit(target).netloc:
        return target
    return default


def back(default_endpoint: str = "admin.home", **values):
    return redirect(safe_next(request.form.get("back"), url_for(default_endpoint, **values)))


@bp.before_request
def check_csrf():
    if request.method == "POST":
        sent = request.form.get("csrf_token", "")
        if not sent or not hmac.compare_digest(sent, session.get("csrf", "")):
            return render_template("admin/error.html", title="页面已过期",
                                   message="请刷新页面后重新提交。"), 400
    return None


@bp.after_request
def protect(response):
    response.headers.setdefault("X-Frame-Options", "DENY")
    response.headers.setdefault("Referrer-Policy", "same-origin")
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault(
        "Content-Security-Policy", "default-src 'self'; img-src 'self' data: blob: http: https:;"
        " style-src 'self' 'unsafe-inline'; script-src 'self'; frame-ancestors 'none'")
    if response.mimetype == "text/html":
        response.headers["Cache-Control"] = "no-store"
    return response


def category_name(category_id: str) -> str:
    """The region's name for a category id (the region is cached per process briefly)."""
    from functions.org.regions import cached_region, categories_of
    actor = current_actor()
    names = {c["id"]: c["name"] for c in categories_of(cached_region(actor["region_id"]))} \
        if actor else {}
    return names.get(category_id, category_id)


def calendar_warning(actor: dict | None) -> str | None:
    """The plain warning every admin and office page shows while the calendar runs out."""
    from functions.notifications import messages
    from functions.org import calendar as official_calendar
    if not actor or actor.get("role") not in ("admin", "office"):
        return None
    coverage = official_calendar.coverage(actor["region_id"], now())
    return None if coverage["covered"] else messages.calendar_uncovered(
        coverage["uncovered_years"])


@bp.context_processor
def page_helpers():
    return {"csrf_token": csrf_token, "L": LABELS, "local_time": local_time,
            "last_day": last_day_text,
            "me": current_actor(), "category_name": category_name,
            "calendar_warning": calendar_warning,
            "kept": {}, "problems": {}, "alert": None}  # a refused form sets these


@bp.errorhandler(DomainError)
def domain_error(exc: DomainError):
    if exc.code == "unauthorized":
        return redirect(url_for("admin.login"))
    message = describe_error(exc.code, exc.fields)
    if request.method == "POST" and exc.status < 500:
        flash(message, "error")
        return back()
    return render_template("admin/error.html", title=message, message=""), exc.status


@bp.errorhandler(403)
def forbidden(_exc):
    return render_template("admin/error.html", title="没有权限",
                           message="您的角色不能访问此页面。"), 403
