"""OpenAPI paths of duty records, the ranking, the archive and activities."""
from miniprogram_api.openapi.case_schemas import PHOTO, PHOTO_IDS
from miniprogram_api.openapi.paths import LIST_PARAMS, filter_param, operation, path_param, text

STR, NSTR = {"type": "string"}, {"type": "string", "nullable": True}
INT, NINT = {"type": "integer"}, {"type": "integer", "nullable": True}
TIME = {"type": "string", "format": "date-time"}
KIND = {"type": "string", "enum": ["meeting", "inspection", "suggestion", "voter_contact",
                                   "group_activity"]}
ACTIVITY_KIND = {"type": "string", "enum": ["meeting", "inspection", "voter_contact",
                                            "group_activity"]}
DATE = {"type": "string", "format": "date"}
YEAR = filter_param("year", {"type": "string", "pattern": "^[0-9]{4}$"})
KEY = {"name": "Idempotency-Key", "in": "header", "required": True,
       "schema": {"type": "string", "minLength": 1, "maxLength": 100}}


def _obj(required=(), **properties) -> dict:
    return {"type": "object", "required": list(required), "properties": properties}


COUNTS = {"type": "object", "additionalProperties": INT}
TOTALS = _obj(("points", "by_kind"), points=INT, by_kind=COUNTS)
RECORD = _obj(("id", "deputy_id", "kind", "title", "date", "source", "status", "photos"),
              id=STR, deputy_id=STR, deputy_name=NSTR, kind=KIND, title=STR, date=STR,
              content=NSTR, place=NSTR, photos={"type": "array", "items": PHOTO},
              source={"type": "string", "enum": ["self", "office", "case", "suggestion",
                                                 "activity"]},
              ref=NSTR, via=NSTR, status={"type": "string",
                                          "enum": ["pending", "verified", "rejected"]},
              points=NINT, reason=NSTR, created_at=TIME, decided_at=NSTR, created_by=NSTR,
              decided_by=NSTR)
ONE_RECORD = _obj(("record",), record=RECORD)
NEW_RECORD = _obj(("kind", "title", "date"), kind=KIND, title=text(100), date=DATE,
                  content={"type": "string", "maxLength": 2000, "nullable": True},
                  place={"type": "string", "maxLength": 100, "nullable": True},
                  photos=PHOTO_IDS)
ACTIVITY = _obj(("id", "kind", "title", "starts_at", "ends_at", "place", "signup_deadline",
                 "signed_up_count"), id=STR, region_id=STR, kind=ACTIVITY_KIND, title=STR,
                starts_at=TIME, ends_at=TIME, place=STR, capacity=NINT,
                signup_deadline=TIME, signed_up_count=INT, cancelled={"type": "boolean"},
                created_at=TIME, check_in_code=STR, signed_up={"type": "boolean"})
ONE_ACTIVITY = _obj(("activity",), activity=ACTIVITY)
CARD = _obj(("id", "name"), id=STR, name=STR, level=NSTR, group=NSTR, station=NSTR)
RANK_ROW = _obj(("deputy", "points", "counts", "rank"), deputy=CARD, points=INT,
                counts=COUNTS, rank=INT)
_MOVE_ERRORS = (400, 401, 403, 404, 409)

DUTY_PATHS = {
    "/api/v1/deputy/duty-records": {
        "post": operation("Report a duty record (pending until the office verifies it); the "
                          "same Idempotency-Key returns the same record", ONE_RECORD,
                          status=201, body=NEW_RECORD, params=[KEY],
                          also={"200": {"description": "the record this key already made"}},
                          error_statuses=(400, 401, 403, 404, 409)),
        "get": operation("The deputy's records of a year with verified totals",
                         _obj(("year", "items", "totals"), year=STR, totals=TOTALS,
                              items={"type": "array", "items": RECORD}),
                         params=[YEAR], error_statuses=(400, 401, 403, 404))},
    "/api/v1/staff/duty-records": {
        "post": operation("The office enters a verified record for a deputy of its region",
                          ONE_RECORD, status=201, params=[KEY],
                          body={**NEW_RECORD, "required": ["deputy_id", "kind", "title",
                                                           "date"],
                                "properties": {**NEW_RECORD["properties"], "deputy_id": STR}},
                          also={"200": {"description": "the record this key already made"}},
                          error_statuses=(400, 401, 403, 404, 409)),
        "get": operation("The region's records waiting for the office's check, oldest first",
                         _obj(("items", "next_cursor"), items={"type": "array", "items": RECORD},
                              next_cursor=NSTR),
                         params=[filter_param("status", {"type": "string",
                                                         "enum": ["pending"]}), *LIST_PARAMS],
                         error_statuses=(400, 401, 403))},
    "/api/v1/staff/duty-records/{record_id}/verify": {"post": operation(
        "Verify a pending record; its points are fixed now", ONE_RECORD,
        params=[path_param("record_id")], body={"type": "object"}, body_required=False,
        error_statuses=_MOVE_ERRORS)},
    "/api/v1/staff/duty-records/{record_id}/reject": {"post": operation(
        "Reject a pending record with a reason the deputy sees", ONE_RECORD,
        params=[path_param("record_id")], body=_obj(("reason",), reason=text(500)),
        error_statuses=_MOVE_ERRORS)},
    "/api/v1/duty/ranking": {"get": operation(
        "A page of a region's duty ranking for a year, highest points first; equal points "
        "share a rank; one of level, group or station filters",
        _obj(("items", "next_cursor"), region_id=STR, year=STR, next_cursor=NSTR,
             items={"type": "array", "items": RANK_ROW}), auth=False,
        params=[{"name": "region_id", "in": "query", "required": True,
                 "schema": {"type": "string", "minLength": 1, "maxLength": 64}},
                filter_param("year", {"type": "string", "pattern": "^([0-9]{4}|term)$",
                                      "description": "a year, or `term`: the current term"}),
                *(filter_param(n, {"type": "string", "maxLength": 40})
                  for n in ("level", "group", "station")), *LIST_PARAMS],
        error_statuses=(400, 401, 404))},
    "/api/v1/deputies/{deputy_id}/archive": {"get": operation(
        "A deputy's archive of a year (一人一档); public unless the deputy or its office asks",
        _obj(("view", "year", "deputy", "totals", "records", "cases", "suggestions"),
             view={"type": "string", "enum": ["public", "full"]}, year=STR,
             deputy={**CARD, "properties": {**CARD["properties"], "phone": STR}},
             totals=TOTALS, records={"type": "array", "items": RECORD},
             cases={"type": "object"}, suggestions={"type": "array", "items": {}},
             term_start=STR, totals_by_year={"type": "object", "additionalProperties": TOTALS}),
        auth=False, params=[path_param("deputy_id"), filter_param(
            "year", {"type": "string", "pattern": "^([0-9]{4}|term)$",
                     "description": "a year, or `term`: the current term year by year"})],
        error_statuses=(400, 401, 404))},
    "/api/v1/staff/activities": {"post": operation(
        "Publish an activity (点单) of the office's region; the answer has its check-in code",
        ONE_ACTIVITY, status=201, params=[KEY],
        body=_obj(("kind", "title", "starts_at", "ends_at", "place"), kind=ACTIVITY_KIND,
                  title=text(100), place=text(100), starts_at=TIME, ends_at=TIME,
                  capacity={"type": "integer", "minimum": 1, "maximum": 10000,
                            "nullable": True},
                  signup_deadline={**TIME, "nullable": True}),
        also={"200": {"description": "the activity this key already made"}},
        error_statuses=(400, 401, 403, 409))},
    "/api/v1/activities": {"get": operation(
        "Activities of the deputy's region not yet over, each with signed_up",
        _obj(("items", "next_cursor"), items={"type": "array", "items": ACTIVITY},
             next_cursor=NSTR), error_statuses=(401, 403, 404))},
    "/api/v1/activities/{activity_id}/signup": {"post": operation(
        "Sign up; full, twice or after the deadline → 409", ONE_ACTIVITY,
        params=[path_param("activity_id")], error_statuses=(401, 403, 404, 409))},
    "/api/v1/activities/{activity_id}/cancel": {"post": operation(
        "Cancel a sign-up before the deadline", ONE_ACTIVITY,
        params=[path_param("activity_id")], error_statuses=(401, 403, 404, 409))},
    "/api/v1/activities/{activity_id}/check-in": {"post": operation(
        "Check in with the code shown at the activity (1 h before start to 2 h after end): "
        "the verified record; twice → the same record", ONE_RECORD,
        params=[path_param("activity_id")], body=_obj(("code",), code=text(20)),
        error_statuses=_MOVE_ERRORS)},
}
