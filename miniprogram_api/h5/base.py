"""The H5 blueprint and what every H5 page shares: Beijing times, the CSRF token, the page
shape and the error page. Pages are in pages.py (entry, login) and cases.py."""
import os

from flask import Blueprint, jsonify, render_template, request

from functions.shared.clock import parse_iso
from functions.shared.errors import DomainError
from functions.shared.moments import SHANGHAI, last_day_text
from miniprogram_api.h5 import session as h5_session
from miniprogram_api.h5.session import csrf_token, current_actor

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

bp = Blueprint("h5", __name__, static_folder=os.path.join(ROOT, "static", "h5"),
               static_url_path="/h5/static")
bp.after_request(h5_session.finish)


@bp.app_template_filter("h5_time")
def h5_time(stamp: str | None, fmt: str = "%Y-%m-%d %H:%M") -> str:
    """An ISO UTC time as Beijing time, the way people read it."""
    return parse_iso(stamp).astimezone(SHANGHAI).strftime(fmt) if stamp else ""


@bp.app_template_filter("last_day")
def last_day(stamp: str | None) -> str:
    """A deadline as its last day in Beijing time: "12月7日（周一）前"."""
    return last_day_text(stamp)


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
