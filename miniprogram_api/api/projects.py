"""Livelihood projects (民生实事) over HTTP: rounds, candidates, the vote, progress,
comments, evaluation; the office's calls under /staff, the public list under /public."""
from flask import Blueprint, jsonify, request

from functions.projects import (comments, evaluation, progress, public, reading, rounds,
                                voting)
from miniprogram_api.api.request_helpers import actor, json_body, now

bp = Blueprint("projects_api", __name__, url_prefix="/api/v1")
STAFF_ROUNDS = "/staff/project-rounds"


def _caller_if_any():
    """The caller when a token is sent (an invalid one is still a 401), else None."""
    return actor() if request.headers.get("Authorization") else None


def _created(key: str, view: dict, created: bool):
    return jsonify({key: view}), 201 if created else 200


@bp.post(STAFF_ROUNDS)
def post_round():
    """Create the region's round for a year; the same Idempotency-Key returns it again."""
    view, created = rounds.create_round(
        actor=actor(), idempotency_key=request.headers.get("Idempotency-Key"),
        body=json_body(), now=now())
    return _created("round", view, created)


@bp.get(STAFF_ROUNDS)
def get_rounds():
    """The staff member's region's rounds, newest first."""
    return jsonify(reading.region_rounds(actor=actor()))


@bp.post(f"{STAFF_ROUNDS}/<round_id>/shortlist")
def post_shortlist(round_id):
    """Pick the candidates the deputies vote on."""
    return jsonify({"round": rounds.shortlist(actor=actor(), round_id=round_id,
                                              body=json_body(), now=now())})


@bp.post(f"{STAFF_ROUNDS}/<round_id>/open-vote")
def post_open_vote(round_id):
    """Open the vote (`closes_on` optional); the region's active deputies are counted as
    eligible now and notified."""
    return jsonify({"round": voting.open_vote(actor=actor(), round_id=round_id, now=now(),
                                              body=json_body(required=False))})


@bp.post(f"{STAFF_ROUNDS}/<round_id>/close-vote")
def post_close_vote(round_id):
    """Close the vote; the winners become projects."""
    return jsonify({"round": voting.close_vote(actor=actor(), round_id=round_id, now=now())})


@bp.post(f"{STAFF_ROUNDS}/<round_id>/open-evaluation")
def post_open_evaluation(round_id):
    """Open the satisfaction evaluation (a second time: only the flagged projects)."""
    return jsonify({"round": evaluation.open_evaluation(
        actor=actor(), round_id=round_id, now=now(), body=json_body(required=False))})


@bp.post(f"{STAFF_ROUNDS}/<round_id>/close-evaluation")
def post_close_evaluation(round_id):
    """Close the evaluation: satisfaction rates, projects under 60 % flagged."""
    return jsonify({"round": evaluation.close_evaluation(actor=actor(), round_id=round_id,
                                                         now=now())})


@bp.get(f"{STAFF_ROUNDS}/<round_id>/turnout")
def get_turnout(round_id):
    """How many eligible deputies have voted: counts only."""
    return jsonify({"turnout": voting.turnout(actor=actor(), round_id=round_id)})


@bp.post(f"{STAFF_ROUNDS}/<round_id>/recount")
def post_recount(round_id):
    """Rebuild the vote tally from the ballots if a change did not finish."""
    return jsonify({"turnout": voting.recount(actor=actor(), round_id=round_id)})


@bp.post("/staff/projects/<project_id>/assign")
def post_assign(project_id):
    """Name the project's lead unit and its three supervisors (三个一)."""
    return jsonify({"project": progress.assign(actor=actor(), project_id=project_id,
                                               body=json_body(), now=now())})


@bp.get("/project-rounds/<round_id>")
def get_round(round_id):
    """The round, its candidates (with votes once voting closed) and its projects."""
    return jsonify(reading.detail(actor=_caller_if_any(), round_id=round_id))


@bp.post("/project-rounds/<round_id>/candidates")
def post_candidate(round_id):
    """Propose a candidate project (a deputy or the office of the region)."""
    view, created = rounds.propose(
        actor=actor(), round_id=round_id,
        idempotency_key=request.headers.get("Idempotency-Key"), body=json_body(), now=now())
    return _created("candidate", view, created)


@bp.post("/project-rounds/<round_id>/ballot")
def post_ballot(round_id):
    """Cast or replace the deputy's secret ballot; the answer holds no choices."""
    return jsonify({"ballot": voting.cast_ballot(actor=actor(), round_id=round_id,
                                                 body=json_body(), now=now())})


@bp.post("/project-rounds/<round_id>/evaluation")
def post_evaluation(round_id):
    """Rate projects of the open evaluation pass (changeable until it closes)."""
    return jsonify({"evaluation": evaluation.evaluate(actor=actor(), round_id=round_id,
                                                      body=json_body(), now=now())})


@bp.get("/projects/<project_id>")
def get_project(project_id):
    """A project: progress, supervisors, comments and replies."""
    return jsonify(reading.project_page(project_id=project_id))


@bp.post("/projects/<project_id>/progress")
def post_progress(project_id):
    """The lead unit's monthly progress."""
    return jsonify({"project": progress.post_progress(actor=actor(), project_id=project_id,
                                                      body=json_body(), now=now())})


@bp.post("/projects/<project_id>/comments")
def post_comment(project_id):
    """A deputy's comment on a project under way."""
    view, created = comments.comment(
        actor=actor(), project_id=project_id,
        idempotency_key=request.headers.get("Idempotency-Key"), body=json_body(), now=now())
    return _created("comment", view, created)


@bp.post("/projects/<project_id>/comments/<comment_id>/reply")
def post_reply(project_id, comment_id):
    """The lead unit's reply to a comment."""
    return jsonify({"comment": comments.reply(actor=actor(), project_id=project_id,
                                              comment_id=comment_id, body=json_body(),
                                              now=now())})


@bp.get("/public/projects")
def get_public_projects():
    """A region's projects with progress and satisfaction, for anyone."""
    return jsonify(public.public_projects(
        region_id=request.args.get("region_id"), year=request.args.get("year"),
        limit=request.args.get("limit"), cursor=request.args.get("cursor")))
