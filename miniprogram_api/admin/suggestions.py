"""Suggestion pages: the office's review queue, assignment, key board and figures per unit,
and the unit's view (sign, contact, opinion, answer, ask for more time)."""
from flask import flash, redirect, render_template, request, url_for

from functions.org import units
from functions.shared.errors import ValidationFailed
from functions.shared.ids import new_id
from functions.suggestions import lists, moves, statistics
from functions.suggestions.access import ACTION_ROLES
from miniprogram_api.admin.base import back, bp, now, staff_page
from miniprogram_api.admin.suggestion_messages import DONE, OFFICE_TABS, SUGGESTION_LABELS
from functions.shared.validation import plain_digits


@bp.context_processor
def suggestion_words():
    return {"S": SUGGESTION_LABELS}


@bp.get("/suggestions")
@staff_page("office", "unit")
def suggestion_list(actor):
    """The office: what waits on it (review, extension requests); a unit: its suggestions."""
    status = request.args.get("status") or None
    rows = lists.staff_suggestions(actor=actor, status=status, limit=request.args.get("limit"),
                                   cursor=request.args.get("cursor"))
    return render_template("admin/suggestions_list.html", rows=rows, status=status,
                           tabs=OFFICE_TABS if actor["role"] == "office" else ())


@bp.get("/suggestions/key")
@staff_page("office", "admin")
def suggestion_key_board(actor):
    """Key suggestions (重点督办) of the region and where each stands."""
    return render_template("admin/suggestions_key.html",
                           rows=statistics.key_board(actor=actor))


@bp.get("/suggestions/stats")
@staff_page("office", "admin")
def suggestion_stats(actor):
    """Per unit: on-time rate, A/B/C shares, satisfaction."""
    return render_template("admin/suggestions_stats.html",
                           figures=statistics.by_unit(actor=actor)["units"])


@bp.get("/suggestions/<suggestion_id>")
@staff_page()
def suggestion_detail(actor, suggestion_id):
    """The suggestion, its co-signers, contacts, opinions, answers and the forms it needs."""
    suggestion = moves.get(suggestion_id=suggestion_id, actor=actor)
    unit_choices = []
    if "assign" in suggestion.get("actions", ()):
        unit_choices = [u for u in units.list_units(region_id=actor["region_id"]) if u["active"]]
    # Each render's forms carry a fresh Idempotency-Key: a form posted twice moves once.
    return render_template("admin/suggestions_detail.html", s=suggestion, units=unit_choices,
                           form_key=new_id("f"))


def _body(action: str) -> dict:
    form = request.form
    body = {k: form.get(k) for k in ("note", "content", "reason", "unit_id", "method",
                                     "classification", "planned_by")
            if form.get(k) not in (None, "")}
    if action in ("register", "mark_key"):
        body["key"] = form.get("key") == "1"
    if action == "assign":
        body["co_unit_ids"] = [u for u in form.getlist("co_unit_ids") if u]
    if action == "request_extension":
        months = form.get("months", "")
        body["months"] = int(months) if plain_digits(months) else months
    if action == "decide_extension":
        body["grant"] = form.get("grant") == "1"
    return body


@bp.post("/suggestions/<suggestion_id>/act")
@staff_page("office", "unit")
def suggestion_act(actor, suggestion_id):
    """Take one step through the same use case the API calls."""
    action = request.form.get("action", "")
    if action not in ACTION_ROLES:
        raise ValidationFailed("unknown action", {"body": "action"})
    moved = moves.act(suggestion_id=suggestion_id, action=action, actor=actor, now=now(),
                      body=_body(action),
                      idempotency_key=request.form.get("idempotency_key") or None)
    flash(DONE.format(action=SUGGESTION_LABELS["action"][action]), "info")
    if action in ("register", "convert", "return") and moved["status"] != "registered":
        return redirect(url_for("admin.suggestion_list"))
    return back("admin.suggestion_detail", suggestion_id=suggestion_id)
