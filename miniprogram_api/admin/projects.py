"""Admin pages of livelihood projects (民生实事): rounds, candidates and shortlist, vote
control with live turnout, results chart, project board, evaluation results in Excel."""
from flask import abort, flash, jsonify, redirect, render_template, request, url_for

from functions.shared.ids import new_id
from functions.projects import evaluation, export, progress, reading, rounds, voting
from functions.projects.messages import LABELS, MOVE_NAMES, notice
from functions.identity.staff_directory import list_units
from miniprogram_api.admin.base import bp, now, staff_page
from miniprogram_api.admin.downloads import xlsx_download
from functions.shared.validation import plain_digits

_MOVES = {"open-vote": voting.open_vote, "close-vote": voting.close_vote,
          "open-evaluation": evaluation.open_evaluation,
          "close-evaluation": evaluation.close_evaluation}


def _to_round(round_id: str):
    return redirect(url_for("admin.project_round", round_id=round_id))


@bp.route("/projects", methods=["GET", "POST"])
@staff_page("office", "admin", "unit")
def project_rounds(actor):
    """The region's rounds; the office starts a new one."""
    if request.method == "POST":
        form = request.form
        body = {"title": form.get("title", ""), "year": _number(form.get("year")),
                "max_choices": _number(form.get("max_choices"))}
        view, _ = rounds.create_round(actor=actor, idempotency_key=form.get("idempotency_key"),
                                      body=body, now=now())
        flash(notice("round_created"), "info")
        return _to_round(view["id"])
    return render_template("admin/projects_rounds.html", P=LABELS, key=new_id("r"),
                           rounds=reading.region_rounds(actor=actor)["items"],
                           year=now().year + 1)


def _number(text):
    text = (text or "").strip()
    return int(text) if plain_digits(text) else text


@bp.get("/projects/<round_id>")
@staff_page("office", "admin", "unit")
def project_round(actor, round_id):
    """One round: candidates, vote control, results, project board, evaluation."""
    detail = reading.detail(actor=actor, round_id=round_id)
    units = [u for u in list_units(actor=actor) if u["active"]] \
        if actor["role"] == "office" else []
    return render_template("admin/projects_round.html", P=LABELS, d=detail, units=units,
                           key=new_id("c"), moves=MOVE_NAMES)


@bp.post("/projects/<round_id>/candidates")
@staff_page("office")
def project_candidate(actor, round_id):
    """The office adds a candidate it collected (from a meeting, a letter...)."""
    rounds.propose(actor=actor, round_id=round_id,
                   idempotency_key=request.form.get("idempotency_key"),
                   body={k: request.form.get(k, "") for k in ("title", "description")},
                   now=now())
    flash(notice("candidate_added"), "info")
    return _to_round(round_id)


@bp.post("/projects/<round_id>/shortlist")
@staff_page("office")
def project_shortlist(actor, round_id):
    """The candidates ticked go to the deputies' vote."""
    rounds.shortlist(actor=actor, round_id=round_id,
                     body={"candidate_ids": request.form.getlist("candidate_ids")}, now=now())
    flash(notice("shortlisted"), "info")
    return _to_round(round_id)


@bp.post("/projects/<round_id>/move/<move>")
@staff_page("office")
def project_move(actor, round_id, move):
    """Open (the deputies are notified) or close the vote or the evaluation."""
    if move not in _MOVES:
        abort(404)
    if move.startswith("open-"):  # an optional planned close: reminders the day before
        closes_on = request.form.get("closes_on") or None
        _MOVES[move](actor=actor, round_id=round_id, now=now(), body={"closes_on": closes_on})
    else:
        _MOVES[move](actor=actor, round_id=round_id, now=now())
    flash(notice("moved", move=MOVE_NAMES[move]), "info")
    return _to_round(round_id)


@bp.post("/projects/<round_id>/recount")
@staff_page("office")
def project_recount(actor, round_id):
    """Rebuild the tally from the ballots (after an interrupted change)."""
    voting.recount(actor=actor, round_id=round_id)
    flash(notice("recounted"), "info")
    return _to_round(round_id)


@bp.get("/projects/<round_id>/turnout.json")
@staff_page("office")
def project_turnout(actor, round_id):
    """Live turnout for the vote control (counts only)."""
    return jsonify(voting.turnout(actor=actor, round_id=round_id))


@bp.post("/projects/<round_id>/projects/<project_id>/assign")
@staff_page("office")
def project_assign(actor, round_id, project_id):
    """Name the lead unit and the 三个一 supervisors."""
    supervisors = {k: request.form.get(k, "") for k in ("leader", "deputy_group", "office")}
    progress.assign(actor=actor, project_id=project_id, now=now(),
                    body={"unit_id": request.form.get("unit_id"), "supervisors": supervisors})
    flash(notice("assigned"), "info")
    return _to_round(round_id)


@bp.get("/projects/<round_id>/evaluation.xlsx")
@staff_page("office", "admin")
def project_evaluation_export(actor, round_id):
    """The evaluation results as an Excel sheet."""
    name, data = export.evaluation_sheet(actor=actor, round_id=round_id)
    return xlsx_download(data, name)
