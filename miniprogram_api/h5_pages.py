"""H5 pages for scans outside WeChat: entry card and submit form, phone login, errors.

Plain HTML forms first (every page works without JavaScript); static/h5/h5.js only
shrinks photos before upload and stops double taps. Case pages live in h5_cases.py.
"""
import os
from zoneinfo import ZoneInfo

from flask import Blueprint, jsonify, redirect, render_template, request, url_for

from functions import clock, entry, phone_login
from functions.clock import parse_iso
from functions.domain.errors import DomainError, ValidationFailed
from . import h5_session
from .h5_session import check_csrf, csrf_token, current_actor, safe_next

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SHANGHAI = ZoneInfo("Asia/Shanghai")

bp = Blueprint("h5", __name__, static_folder=os.path.join(ROOT, "static", "h5"),
               static_url_path="/h5/static")
bp.after_request(h5_session.finish)


@bp.app_template_filter("h5_time")
def h5_time(stamp: str | None, fmt: str = "%Y-%m-%d %H:%M") -> str:
    """An ISO UTC time as Beijing time, the way people read it."""
    return parse_iso(stamp).astimezone(SHANGHAI).strftime(fmt) if stamp else ""


@bp.context_processor
def _page_globals():
    return {"csrf_token": csrf_token, "h5_user": current_actor()}


def page(template: str, status: int = 200, **values):
    return render_template(f"h5/{template}", **values), status


def wants_json() -> bool:
    return request.accept_mimetypes.best == "application/json"


@bp.errorhandler(DomainError)
def domain_error(exc: DomainError):
    """A friendly page for people; the contract's JSON for clients that ask for JSON."""
    if wants_json():
        return jsonify({"error": {"code": exc.code, "message": exc.message,
                                  "fields": exc.fields}}), exc.status
    return page("error.html", exc.status, code=exc.code, path=request.path)


def login_page(next_path: str, status: int = 200, **values):
    return page("login.html", status, next=safe_next(next_path), **values)


@bp.get("/h5/login")
def login():
    """Step one of phone login: the number."""
    return login_page(request.args.get("next"), region_id=request.args.get("region_id"))


@bp.post("/h5/login/code")
def login_code():
    """Send a code to the number, then ask for it."""
    check_csrf()
    form = request.form
    values = {"phone": (form.get("phone") or "").strip(), "region_id": form.get("region_id")}
    try:
        sent = phone_login.request_code(phone=values["phone"], now=clock.now(),
                                        ip=request.remote_addr, region_id=values["region_id"])
    except ValidationFailed as exc:
        if wants_json():
            raise
        error = "region" if "region_id" in exc.fields else "phone"
        if error == "region":
            values["region_id"] = None  # the form offers a clean start, not the bad value
        return login_page(form.get("next"), 400, error=error, fields=exc.fields, **values)
    except DomainError as exc:
        if wants_json():
            raise
        # Most often a second tap within the minute: the first code is still good.
        return login_page(form.get("next"), exc.status, step="code", error=exc.code,
                          fields=exc.fields, **values)
    return login_page(form.get("next"), step="code", sent=sent, **values)


@bp.post("/h5/login/verify")
def login_verify():
    """Check the code; the session goes into an HttpOnly cookie."""
    check_csrf()
    form = request.form
    values = {"phone": (form.get("phone") or "").strip(), "region_id": form.get("region_id")}
    try:
        session = phone_login.verify_code(phone=values["phone"], code=form.get("code"),
                                          now=clock.now())
    except DomainError as exc:
        if wants_json():
            raise
        return login_page(form.get("next"), exc.status, step="code", error=exc.code,
                          fields=exc.fields, **values)
    return h5_session.log_in(redirect(safe_next(form.get("next")), 303), session)


@bp.post("/h5/logout")
def logout():
    """Forget the session cookie."""
    check_csrf()
    return h5_session.log_out(redirect(url_for("h5.login"), 303))


def open_entry(code: str) -> dict:
    opened = entry.open_entry(entry_code=code)
    if opened["kind"] == "station":  # the page names the station the poster hangs in
        opened["station"] = (entry.get_entry_item(code).card or {}).get("station")
    return opened


@bp.get("/q/<code>")
def entry_page(code):
    """The deputy's card and, once logged in, the submit form."""
    from .h5_submit import form_values
    opened = open_entry(code)
    return page("entry.html", entry=opened, form=form_values(opened, current_actor()))


@bp.post("/q/<code>")
def entry_submit(code):
    """Submit the form: photos stored first, then one idempotent submission."""
    from .h5_submit import submit_form
    opened = open_entry(code)
    actor = current_actor()
    if actor is None:
        return redirect(url_for("h5.login", next=request.path), 303)
    check_csrf()
    case, problem = submit_form(opened, actor)
    if problem:
        return page("entry.html", problem["status"], entry=opened, form=problem["form"])
    return redirect(url_for("h5.my_case", case_id=case["id"], new=1), 303)


from . import h5_cases  # noqa: E402,F401  (registers the case pages on bp)
from . import h5_projects  # noqa: E402,F401
from . import h5_duty  # noqa: E402,F401  (registers the public deputy archive on bp)
