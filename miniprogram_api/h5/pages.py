"""H5 pages for scans outside WeChat: entry card and submit form, phone login, errors.

Plain HTML forms first (every page works without JavaScript); static/h5/h5.js only
shrinks photos before upload and stops double taps. Case pages live in cases.py, the
blueprint and what every page shares in base.py.
"""
from flask import redirect, request, url_for

from functions.shared import clock
from functions.org import entry
from functions.identity import phone_login
from functions.shared.errors import DomainError, ValidationFailed
from miniprogram_api.h5 import cases as h5_cases  # noqa: F401  (registers the case pages on bp)
from miniprogram_api.h5 import duty as h5_duty  # noqa: F401  (the public deputy archive)
from miniprogram_api.h5 import projects as h5_projects  # noqa: F401  (public project pages)
from miniprogram_api.h5 import session as h5_session
from miniprogram_api.h5 import suggestions as h5_suggestions  # noqa: F401  (its page on bp)
from miniprogram_api.h5.base import bp, page, wants_json
from miniprogram_api.h5.session import check_csrf, current_actor, safe_next


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
    from miniprogram_api.h5.submit import form_values
    opened = open_entry(code)
    return page("entry.html", entry=opened, form=form_values(opened, current_actor()))


@bp.post("/q/<code>")
def entry_submit(code):
    """Submit the form: photos stored first, then one idempotent submission."""
    from miniprogram_api.h5.submit import submit_form
    opened = open_entry(code)
    actor = current_actor()
    if actor is None:
        return redirect(url_for("h5.login", next=request.path), 303)
    check_csrf()
    case, problem = submit_form(opened, actor)
    if problem:
        return page("entry.html", problem["status"], entry=opened, form=problem["form"])
    return redirect(url_for("h5.my_case", case_id=case["id"], new=1), 303)
