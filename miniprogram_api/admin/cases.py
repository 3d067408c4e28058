"""Case pages: the office and unit queues, the overdue board, a case and its actions."""
from flask import flash, redirect, render_template, request, url_for

from functions.cases import lists as case_lists, handling
from functions.cases.queue import UNIT_TABS
from functions.notifications import log as notification_log
from functions.reporting import overdue_board
from functions.org import units
from functions.identity.access import STAFF_ACTIONS, actor_id
from functions.shared.errors import Conflict, InvalidTransition, ValidationFailed
from functions.shared.ids import new_id
from functions.shared.validation import MAX_PHOTOS, plain_digits
from miniprogram_api.admin.base import back, bp, now, staff_page
from miniprogram_api.admin.forms import rejected
from miniprogram_api.admin.messages import ACTION_NAMES, notice

# What each queue may be narrowed to, in the order the tabs show them.
QUEUE_STATUSES = {"office": ("forwarded", "submitted"), "unit": ("assigned", "in_progress")}


@bp.get("/queue")
@staff_page("office", "unit")
def queue(actor):
    """Cases waiting on the office (to assign) or the unit (待签收 / 办理中 / 已办结 tabs)."""
    status = request.args.get("status") or None
    tab = (request.args.get("tab") or None) if actor["role"] == "unit" else None
    rows = case_lists.staff_queue(actor=actor, status=status, tab=tab,
                                  cursor=request.args.get("cursor"),
                                  limit=request.args.get("limit"), now=now())
    return render_template("admin/queue.html", rows=rows, status=status, tab=tab,
                           tabs=QUEUE_STATUSES[actor["role"]], unit_tabs=UNIT_TABS)


@bp.get("/overdue")
@staff_page("office", "admin")
def overdue(actor):
    """Open cases past a handling deadline, longest overdue first."""
    rows = overdue_board.board(actor=actor, now=now(), cursor=request.args.get("cursor"))
    return render_template("admin/overdue.html", rows=rows)


# The usual next step first; 不予受理 is kept apart, folded, at the end.
ACTION_ORDER = ("sign", "accept", "assign", "reply", "progress", "answer", "decide_extension",
                "forward", "urge", "request_extension", "return")
FOLDED_ACTIONS = ("reject",)


def _case_page(actor: dict, case_id: str) -> dict:
    """What the case page shows: the case, its actions in order, the units to assign,
    whether the caller may open the case's own notification list."""
    case = handling.get_case(case_id=case_id, actor=actor, now=now())
    unit_choices = []
    if "assign" in case["actions"]:
        unit_choices = [u for u in units.list_units(region_id=actor["region_id"]) if u["active"]]
    co_units = {u.unit_id: u.name for u in units.find_units(case["co_unit_ids"])} \
        if case["co_unit_ids"] else {}
    actions = [a for a in ACTION_ORDER if a in case["actions"]] + [
        a for a in case["actions"]
        if a not in (*ACTION_ORDER, *FOLDED_ACTIONS, "withdraw", "rate")]
    folded = [a for a in FOLDED_ACTIONS if a in case["actions"]]
    from functions.cases.publication import draft_text
    # Each render's forms carry a fresh Idempotency-Key: a form posted twice moves once.
    return {"case": case, "units": unit_choices, "actions": actions, "folded": folded,
            "form_key": new_id("f"),
            "co_unit_names": [co_units.get(u, u) for u in case["co_unit_ids"]],
            "public_draft": draft_text(case) if case.get("public") else None,
            "reads_notifications": actor["role"] in notification_log.READERS}


@bp.get("/cases/<case_id>")
@staff_page()
def case_detail(actor, case_id):
    """The case with photos, deadlines, full timeline and the forms its actions need."""
    return render_template("admin/case.html", **_case_page(actor, case_id))


@bp.post("/cases/<case_id>/publish")
@staff_page("office")
def case_publish(actor, case_id):
    """Approve the case's public text (or withdraw it from the public list)."""
    from functions.cases import publication
    public = request.form.get("public") == "1"
    publication.publish(case_id=case_id, actor=actor, public=public, now=now(),
                        public_text=request.form.get("public_text") if public else None)
    flash(notice("published" if public else "unpublished"), "info")
    return back("admin.case_detail", case_id=case_id)


def _action_body(action: str) -> dict:
    """The form's fields as the API's body, photos aside (stored once the move may go on)."""
    form = request.form
    body = {k: form.get(k) for k in ("note", "content", "reason", "resolution", "unit_id")
            if form.get(k) not in (None, "")}
    if action == "assign":
        body["co_unit_ids"] = [u for u in form.getlist("co_unit_ids") if u]
    for name in ("answer_working_days", "working_days"):  # a number field: typed digits
        typed = (form.get(name) or "").strip()
        if typed:
            body[name] = int(typed) if plain_digits(typed) and len(typed) < 6 else typed
    if action == "decide_extension":
        body["grant"] = {"1": True, "0": False}.get(form.get("grant"), form.get("grant"))
    return body


def _stored_photos(actor: dict, key: str | None) -> list[str]:
    """The form's photos; the same form posted twice at once stores them once."""
    from functions.cases import form_photos  # Pillow loads with the first photo
    files = [f for f in request.files.getlist("photos") if f and f.filename]
    if len(files) > MAX_PHOTOS:
        raise ValidationFailed("too many photos", {"photos": f"at most {MAX_PHOTOS}"})
    return form_photos.store_all(owner_id=actor_id(actor), form_key=key, files=files,
                                 now=now())


@bp.post("/cases/<case_id>/act")
@staff_page("office", "unit")
def case_act(actor, case_id):
    """Take one action on the case through the same use case the API calls."""
    action = request.form.get("action", "")
    if action not in STAFF_ACTIONS:
        raise ValidationFailed("unknown action", {"body": "action"})
    key, body = request.form.get("idempotency_key") or None, _action_body(action)
    try:
        done = False  # a form posted twice: its first post made the move
        if action in ("progress", "answer"):
            # Photos are stored only once the caller may take this step on this case.
            done = handling.check_action(case_id=case_id, action=action, actor=actor,
                                         idempotency_key=key, body=body)
            if not done:
                body["photos"] = _stored_photos(actor, key)
        if not done:
            handling.act(case_id=case_id, action=action, actor=actor, now=now(), body=body,
                         idempotency_key=key)
    except (ValidationFailed, Conflict, InvalidTransition) as exc:
        # The case page again, the refused form open and filled in as it was typed.
        return rejected("admin/case.html", exc, **_case_page(actor, case_id))
    flash(notice("case_done", action=ACTION_NAMES[action]), "info")
    if action in ("assign", "return", "reject") or actor["role"] == "unit" \
            and action == "answer":
        return redirect(url_for("admin.queue"))  # the case left this queue
    return back("admin.case_detail", case_id=case_id)
