"""WeChat's domain check for "扫普通链接二维码打开小程序": it fetches a file we must serve.

The mini-program admin console names a file (e.g. `a1b2c3.txt`) and its content; the
deployer puts both in WECHAT_VERIFY_FILES and this route serves it at the site root.
"""
from flask import Blueprint, Response, abort, current_app

bp = Blueprint("wechat_verify", __name__)


@bp.get("/<name>.txt")
def get_verify_file(name):
    """Serve a configured WeChat verification file as plain text."""
    files = current_app.config["SETTINGS"].wechat_verify_files
    content = files.get(f"{name}.txt")
    if content is None:
        abort(404)
    return Response(content, mimetype="text/plain")
