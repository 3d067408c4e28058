"""The site's front door: a landing page, the API docs viewer and the favicon."""
from flask import Blueprint, current_app, render_template, send_from_directory

from functions.org.regions import list_regions

bp = Blueprint("site", __name__)

# Swagger UI styles itself inline; scripts still come only from our own static files.
_CSP = ("default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
        "frame-ancestors 'none'")


@bp.after_request
def secure_headers(response):
    response.headers.setdefault("Content-Security-Policy", _CSP)
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    return response


@bp.get("/")
def landing():
    """Where to go: the admin page, each region's public list, the API and its docs."""
    return render_template("site/landing.html", regions=list_regions())


@bp.get("/api/docs")
def api_docs():
    """The OpenAPI document rendered by Swagger UI, vendored from npm (no CDN)."""
    return render_template("site/api_docs.html")


@bp.get("/favicon.ico")
def favicon():
    """The same icon every page links to, for browsers that ask the root for it."""
    return send_from_directory(current_app.static_folder, "favicon.ico",
                               mimetype="image/vnd.microsoft.icon", max_age=86400)
