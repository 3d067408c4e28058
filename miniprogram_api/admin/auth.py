"""Staff log in to the admin page with username and password, and log out."""
from flask import flash, redirect, render_template, request, session, url_for

from functions.shared.errors import DomainError
from functions.identity.principals import end_staff_sessions
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
            account = authenticate(username=username, password=password,
                                   address=request.remote_addr)
        except DomainError as exc:
            error = notice("login_locked" if exc.code == "rate_limited" else "login_wrong")
    if error:
        return render_template("admin/login.html", error=error, username=username,
                               next=request.form.get("next", "")), 401
    start_session(account)
    return redirect(safe_next(request.form.get("next"), url_for("admin.home")))


@bp.post("/logout")
def logout():
    """End every session of the account (cookies and tokens), then empty this cookie."""
    actor = current_actor()
    if actor:
        end_staff_sessions(actor["username"])
    session.clear()
    flash(notice("logged_out"), "info")
    return redirect(url_for("admin.login"))
