"""Stored photos behind signed, expiring links (the local-folder backend in dev)."""
from flask import Blueprint, Response, request

from functions.channels import files
from miniprogram_api.errors import error_response

bp = Blueprint("files", __name__)


@bp.get("/files/<path:key>")
def get_file(key):
    """Serve one stored file to whoever holds a valid, unexpired signed link."""
    if not files.signature_valid(key, request.args.get("exp"), request.args.get("sig")):
        return error_response(403, "forbidden", "invalid or expired link")
    try:
        found = files.active().read(key)
    except ValueError:
        found = None
    if found is None:
        return error_response(404, "not_found", "no such file")
    data, content_type = found
    response = Response(data, mimetype=content_type)
    response.headers["X-Content-Type-Options"] = "nosniff"
    # Links expire; a private cache for a short while spares repeat downloads.
    response.headers["Cache-Control"] = "private, max-age=300"
    return response
