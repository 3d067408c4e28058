"""Staff log in to the admin page with username and password, and log out."""
from flask import flash, redirect, render_template, request, session, url_for

from functions.shared.errors import DomainError
from functions.identity.staff_accounts import authenticate
from miniprogram_api.admin.messages import notice
from miniprogram_api.admin.base import bp, current_actor, safe_next, staff_page, start_session

HOME_OF_ROLE = {"office": "admin.queue", "unit": "admin.queue", "admin": "admin.dashboard"}


@bp.get("/")
@staff_page()
def home(actor):
    """Each role starts where its work is."""
    return redirect(url_for(HOME_OF_ROLE.get(actor["role"], "admin.queue")))


@bp.route("/login", methods=["GET", "POST"])
def login():
    """The login form; on success a fresh session holding the staff actor."""
    if request.method == "GET":
        if current_actor():
            return redirect(url_for("admin.home"))
        return render_template("admin/login.html", next=request.args.get("next", ""))
    username = (request.form.get("username") or "").strip().lower()
    password = request.form.get("password") or ""
    error = None
    if not username or not password or len(username) > 64 or len(password) > 256:
        error = notice("login_missing")
    else:
        try:
            account = authenticate(username=username, password=password)
        except DomainError as exc:
            error = notice("login_locked" if exc.code == "rate_limited" else "login_wrong")
    if error:
        return render_template("admin/login.html", error=error, username=username,
                               next=request.form.get("next", "")), 401
    actor = {"kind": "staff", "username": account["username"], "role": account["role"],
             "region_id": account["region_id"]}
    if account.get("unit_id"):
        actor["unit_id"] = account["unit_id"]
    start_session(actor)
    return redirect(safe_next(request.form.get("next"), url_for("admin.home")))


@bp.post("/logout")
def logout():
    """End the session: the cookie is emptied and the actor forgotten."""
    session.clear()
    flash(notice("logged_out"), "info")
    return redirect(url_for("admin.login"))
