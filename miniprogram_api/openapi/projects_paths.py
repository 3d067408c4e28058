"""OpenAPI paths of livelihood projects (民生实事): rounds, the vote, progress, evaluation.

Out-of-state calls answer 409 `invalid_transition`; creates take an `Idempotency-Key`
(the same key again → 200 and the same object).
"""
from miniprogram_api.openapi.paths import (
    LIST_PARAMS, filter_param, json_content, operation, path_param, text,
)
from miniprogram_api.openapi.project_schemas import (
    BALLOT, CANDIDATE, COMMENT, EVALUATION, IDS, NSTR, PROJECT, RATING, ROUND, ROUND_DETAIL,
    STR, SUPERVISORS, TURNOUT, obj, wrap,
)

KEY = {"name": "Idempotency-Key", "in": "header", "required": True, "schema": text(100)}


def retried(name: str, schema: dict) -> dict:
    """The 200 of a create retried with its Idempotency-Key."""
    return {"200": {"description": f"the {name} this key already created",
                    "content": json_content(wrap(name, schema))}}


_MOVE = (401, 403, 404, 409)
_CHANGE = (400, 401, 403, 404, 409)
_ROUND = [path_param("round_id")]
_PROJECT = [path_param("project_id")]


def _move(summary: str, planned: bool = False) -> dict:
    """A state move; opening ones take an optional planned closing date."""
    body = obj(closes_on={"type": "string", "format": "date", "description":
                          "Beijing date the office plans to close on; deputies are "
                          "reminded the day before"}) if planned else None
    return {"post": operation(summary, wrap("round", ROUND), params=_ROUND, body=body,
                              body_required=False,
                              error_statuses=(400, *_MOVE) if planned else _MOVE)}


STAFF = "/api/v1/staff/project-rounds"
PROJECT_PATHS = {
    STAFF: {
        "post": operation("Create the region's round of a year (office)", wrap("round", ROUND),
                          status=201, params=[KEY], also=retried("round", ROUND),
                          body=obj(("year", "title", "max_choices"), title=text(60),
                                   year={"type": "integer", "minimum": 2000, "maximum": 2100},
                                   max_choices={"type": "integer", "minimum": 1,
                                                "maximum": 50}),
                          error_statuses=(400, 401, 403, 409)),
        "get": operation("The staff member's region's rounds", obj(
            ("items", "next_cursor"), items={"type": "array", "items": ROUND},
            next_cursor=NSTR), error_statuses=(401, 403))},
    f"{STAFF}/{{round_id}}/shortlist": {"post": operation(
        "Shortlist candidates for the vote (office, while collecting)", wrap("round", ROUND),
        params=_ROUND, body=obj(("candidate_ids",), candidate_ids=IDS),
        error_statuses=_CHANGE)},
    f"{STAFF}/{{round_id}}/open-vote": _move(
        "Open the vote: collecting → voting; the region's deputies are notified", True),
    f"{STAFF}/{{round_id}}/close-vote": _move(
        "Close the vote: voting → in_progress; winners become projects"),
    f"{STAFF}/{{round_id}}/open-evaluation": _move(
        "Open the evaluation: in_progress → evaluating, or closed → evaluating again for "
        "the flagged projects only (once); the region's deputies are notified", True),
    f"{STAFF}/{{round_id}}/close-evaluation": _move(
        "Close the evaluation: satisfaction rates, under 60 % flagged"),
    f"{STAFF}/{{round_id}}/turnout": {"get": operation(
        "Live turnout of the vote (office)", wrap("turnout", TURNOUT), params=_ROUND)},
    f"{STAFF}/{{round_id}}/recount": {"post": operation(
        "Rebuild the tally from the ballots if a change did not finish (office)",
        wrap("turnout", TURNOUT), params=_ROUND, error_statuses=_MOVE)},
    "/api/v1/staff/projects/{project_id}/assign": {"post": operation(
        "Set the lead unit and the 三个一 supervisors (office)", wrap("project", PROJECT),
        params=_PROJECT, body=obj(("unit_id", "supervisors"), unit_id=STR,
                                  supervisors=SUPERVISORS), error_statuses=_CHANGE)},
    "/api/v1/project-rounds/{round_id}": {"get": {**operation(
        "A round: candidates (votes once voting closed), projects; turnout for the office. "
        "Before voting closes only the region's deputies and staff", ROUND_DETAIL,
        params=_ROUND, error_statuses=(401, 403, 404)),
        "security": [{"bearer": []}, {}]}},  # anyone, once voting closed
    "/api/v1/project-rounds/{round_id}/candidates": {"post": operation(
        "Propose a candidate (deputy or office of the region, while collecting)",
        wrap("candidate", CANDIDATE), status=201, params=[*_ROUND, KEY],
        also=retried("candidate", CANDIDATE),
        body=obj(("title", "description"), title=text(60), description=text(2000)),
        error_statuses=_CHANGE)},
    "/api/v1/project-rounds/{round_id}/ballot": {"post": operation(
        "Cast or replace the deputy's secret ballot (at most max_choices shortlisted; "
        "only deputies active when voting opened vote, others 403)",
        wrap("ballot", BALLOT), params=_ROUND, body=obj(("choices",), choices=IDS),
        error_statuses=_CHANGE)},
    "/api/v1/project-rounds/{round_id}/evaluation": {"post": operation(
        "Rate projects of the open pass; merged into the deputy's earlier ratings",
        wrap("evaluation", EVALUATION), params=_ROUND,
        body=obj(("ratings",), ratings={"type": "object", "additionalProperties": RATING}),
        error_statuses=_CHANGE)},
    "/api/v1/projects/{project_id}": {"get": operation(
        "A project with progress, supervisors, comments and replies", obj(
            ("project", "comments"), project=PROJECT,
            comments={"type": "array", "items": COMMENT}), auth=False, params=_PROJECT,
        error_statuses=(404,))},
    "/api/v1/projects/{project_id}/progress": {"post": operation(
        "Monthly progress (lead unit); percent goes back only with a reason",
        wrap("project", PROJECT), params=_PROJECT, body=obj(
            ("month", "percent", "content"), month={"type": "string", "pattern":
                                                    "^20\\d\\d-(0[1-9]|1[0-2])$"},
            percent={"type": "integer", "minimum": 0, "maximum": 100}, content=text(2000),
            photos={"type": "array", "items": STR, "maxItems": 9, "nullable": True},
            reason={"type": "string", "maxLength": 500, "nullable": True,
                    "description": "why percent goes back; blank counts as none"}),
        error_statuses=_CHANGE)},
    "/api/v1/projects/{project_id}/comments": {"post": operation(
        "A deputy's comment on a project under way", wrap("comment", COMMENT), status=201,
        params=[*_PROJECT, KEY], also=retried("comment", COMMENT),
        body=obj(("content",), content=text(1000)), error_statuses=_CHANGE)},
    "/api/v1/projects/{project_id}/comments/{comment_id}/reply": {"post": operation(
        "The lead unit's reply to a comment (once)", wrap("comment", COMMENT),
        params=[*_PROJECT, path_param("comment_id")], body=obj(("content",),
                                                               content=text(1000)),
        error_statuses=_CHANGE)},
    "/api/v1/public/projects": {"get": operation(
        "A region's projects with progress and satisfaction (anyone)", obj(
            ("items", "next_cursor"), items={"type": "array", "items": PROJECT},
            next_cursor=NSTR), auth=False,
        params=[{"name": "region_id", "in": "query", "required": True, "schema": text(64)},
                filter_param("year", {"type": "integer", "minimum": 2000, "maximum": 2100}),
                *LIST_PARAMS],
        error_statuses=(400,))},
}
