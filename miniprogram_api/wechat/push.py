"""The URL WeChat pushes messages to (subscription events); it must answer within 5 s."""
from flask import Blueprint, Response, request

from functions.notifications import push_events as wechat_push

bp = Blueprint("wechat_push", __name__, url_prefix="/wechat")


@bp.route("/push", methods=["GET", "POST"])
def push():
    """Answer WeChat's URL check (GET) or apply one pushed event (POST)."""
    args = request.args
    wechat_push.verify(signature=args.get("signature"), timestamp=args.get("timestamp"),
                       nonce=args.get("nonce"))
    if request.method == "GET":
        return Response(args.get("echostr", ""), mimetype="text/plain")
    wechat_push.handle(body=request.get_data(), content_type=request.content_type or "",
                       msg_signature=args.get("msg_signature"),
                       timestamp=args.get("timestamp"), nonce=args.get("nonce"))
    return Response("success", mimetype="text/plain")
