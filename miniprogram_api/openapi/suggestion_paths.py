"""OpenAPI paths and schemas of suggestions (deputy-work.md "Suggestions")."""
from miniprogram_api.openapi.paths import (
    LIST_PARAMS, filter_param, operation, path_param, query_param, ref, text,
)

STATUS = {"type": "string", "enum": ["draft", "cosigning", "submitted", "registered",
                                     "converted", "assigned", "in_progress", "answered",
                                     "closed"]}
_S = {"type": "string"}
_NS = {"type": "string", "nullable": True}
_ARR = {"type": "array", "items": {"type": "object"}}
_IDS = {"type": "array", "items": {"type": "string"}}
ONE = {"type": "object", "required": ["suggestion"],
       "properties": {"suggestion": ref("Suggestion")}}
_ERRORS = (400, 401, 403, 404, 409)
_ID = path_param("suggestion_id")
_IDEMPOTENCY = {"name": "Idempotency-Key", "in": "header", "required": True,
                "schema": {"type": "string", "minLength": 1, "maxLength": 100}}
# Every move takes an optional Idempotency-Key: a retry with it adds no second timeline
# entry, notification or count, however late (the suggestion moved on since).
_MOVE_KEY = {"name": "Idempotency-Key", "in": "header", "required": False,
             "schema": {"type": "string", "minLength": 1, "maxLength": 100},
             "description": "Optional, 1–100 characters. The same key again from the same "
             "caller (a network retry) returns the suggestion as it is now, without doing the "
             "move twice, however late; the same key with another body or move is 409 "
             "conflict; another caller's key is its own. Without a key each call is a new move."}

SUGGESTION_SCHEMAS = {
    "Suggestion": {"type": "object", "required": ["id", "status", "title", "content"],
                   "properties": {
                       "id": _S, "status": STATUS, "number": _NS, "title": _S, "content": _S,
                       "category": _S, "session": {"type": "string",
                                                   "enum": ["session", "interim"]},
                       "region_id": _S, "lead_id": _S, "lead_name": _NS, "key": {
                           "type": "boolean"}, "case_ids": _IDS,
                       "cosigners": {"type": "array", "items": {
                           "type": "object", "properties": {
                               "deputy_id": _S, "name": _NS, "status": {
                                   "type": "string",
                                   "enum": ["invited", "signed", "declined"]}}}},
                       "unit_id": _NS, "unit_name": _NS, "co_units": _ARR,
                       "deadlines": {"type": "object",
                                     "additionalProperties": {"type": "string"}},
                       "overdue": {"type": "boolean"}, "rehandle_count": {"type": "integer"},
                       "contacts": _ARR, "opinions": _ARR, "answers": _ARR,
                       "evaluations": _ARR, "extension": {"type": "object"},
                       "timeline": _ARR, "allowed_actions": _IDS}},
    "SuggestionList": {"type": "object", "required": ["items", "next_cursor"], "properties": {
        "items": {"type": "array", "items": ref("Suggestion")}, "next_cursor": _NS}},
    "SuggestionComment": {"type": "object", "properties": {
        "id": _S, "deputy_id": _S, "deputy_name": _NS, "content": _S, "created_at": _S}},
}


def _action(summary: str, body: dict | None = None, required: bool = True) -> dict:
    return {"post": operation(summary, ONE, body=body or {"type": "object"},
                              body_required=required and body is not None,
                              params=[_ID, _MOVE_KEY], error_statuses=_ERRORS)}


def _body(required=(), **properties) -> dict:
    schema = {"type": "object", "properties": properties}
    if required:
        schema["required"] = list(required)
    return schema


_REASON = _body(("reason",), reason=text(500))
_P = "/api/v1/suggestions/{suggestion_id}"

SUGGESTION_PATHS = {
    "/api/v1/deputy/suggestions": {
        "post": operation(
            "Draft a suggestion (cosigning if anyone is invited); the same key, the same one; "
            "at most 20 new drafts a day per deputy (429)",
            ONE, status=201, also={"200": {"description": "the one this key already made"}},
            params=[_IDEMPOTENCY], error_statuses=(400, 401, 403, 409, 429),
            body=_body(("title", "content", "category", "session"), title=text(100),
                       content=text(8000), category=_S,
                       session={"type": "string", "enum": ["session", "interim"]},
                       case_ids=_IDS, cosigner_ids=_IDS)),
        "get": operation("The deputy's led, co-signed and invited suggestions",
                         ref("SuggestionList"), params=[filter_param("status", STATUS),
                                                        *LIST_PARAMS],
                         error_statuses=(400, 401, 403))},
    _P: {"get": operation("One suggestion with its timeline and co-signers; anyone may read "
                          "a registered one (public view)", ONE, auth=False, params=[_ID],
                          error_statuses=(401, 403, 404))},
    f"{_P}/cosign": _action("An invited deputy signs or declines, once",
                            _body(("decision",), decision={"type": "string",
                                                           "enum": ["sign", "decline"]})),
    f"{_P}/submit": _action("The lead submits when no invitation is open"),
    f"{_P}/register": _action("The office registers it and gives it its number",
                              _body(reason=_S, key={"type": "boolean"}), required=False),
    f"{_P}/convert": _action("The office handles it as a letter instead", _REASON),
    f"{_P}/return": _action("The office returns it to the lead as a draft", _REASON),
    f"{_P}/assign": _action("The office assigns a lead unit and co-units; answer due in 3 "
                            "months (region setting)",
                            _body(("unit_id",), unit_id=_S, co_unit_ids=_IDS, note=_S)),
    f"{_P}/sign": _action("A unit signs for it"),
    f"{_P}/contact": _action("The lead unit records a contact with the lead deputy", _body(
        ("method", "note"), method={"type": "string", "enum": ["phone", "visit", "meeting"]},
        note=text(500))),
    f"{_P}/opinion": _action("A co-unit sends its opinion to the lead unit",
                             _body(("content",), content=text(4000))),
    f"{_P}/answer": _action("The lead unit answers (409 before a contact)", _body(
        ("classification", "content"), classification={"type": "string",
                                                       "enum": ["A", "B", "C"]},
        content=text(4000), planned_by=_S, reason=_S)),
    f"{_P}/evaluation": _action("The lead deputy evaluates the answer", _body(
        ("rating",), rating={"type": "string", "enum": ["satisfied", "basically_satisfied",
                                                        "unsatisfied"]}, comment=_S)),
    f"{_P}/extension": _action("The lead unit asks for more months (6 in all at most)", _body(
        ("months", "reason"), months={"type": "integer", "minimum": 1, "maximum": 5},
        reason=text(500))),
    f"{_P}/extension/decision": _action("The office grants or refuses the extension",
                                        _body(("grant",), grant={"type": "boolean"},
                                              note=_S)),
    f"{_P}/key": _action("The office marks or unmarks it for 重点督办 (registered onwards)",
                         _body(("key",), key={"type": "boolean"})),
    f"{_P}/comments": {
        "post": operation("A deputy of the region comments on an answered suggestion",
                          {"type": "object", "properties": {
                              "comment": ref("SuggestionComment")}},
                          status=201, params=[_ID, _IDEMPOTENCY], error_statuses=_ERRORS,
                          also={"200": {"description": "the comment this key already made"}},
                          body=_body(("content",), content=text(500))),
        "get": operation("Comments and likes of a suggestion", {"type": "object", "properties": {
            "items": {"type": "array", "items": ref("SuggestionComment")},
            "next_cursor": _NS, "likes": {"type": "integer"}}}, auth=False, params=[_ID],
            error_statuses=(401, 403, 404))},
    f"{_P}/likes": {"post": operation(
        "A deputy of the region likes an answered suggestion (once)",
        {"type": "object", "properties": {"likes": {"type": "integer"},
                                          "liked": {"type": "boolean"}}},
        params=[_ID], error_statuses=_ERRORS)},
    "/api/v1/staff/suggestions": {"get": operation(
        "Office: suggestions waiting on it; unit: its own", ref("SuggestionList"),
        params=[filter_param("status", STATUS), *LIST_PARAMS], error_statuses=(400, 401, 403))},
    "/api/v1/staff/suggestions/stats": {"get": operation(
        "Per unit: on-time rate, A/B/C shares, satisfaction; the region's suggestions by "
        "status, on-time answers, classes and ratings", {"type": "object", "properties": {
            "units": {"type": "array", "items": {"type": "object"}},
            "region": {"type": "object"}}},
        error_statuses=(401, 403))},
    "/api/v1/public/suggestions": {"get": operation(
        "Registered suggestions of a region and year (default this year), no phone numbers",
        ref("SuggestionList"), auth=False,
        params=[{**query_param("region_id", {"type": "string", "pattern": "\\S"}),
                 "required": True},
                filter_param("year", {"type": "integer", "minimum": 2000, "maximum": 2100}),
                *LIST_PARAMS], error_statuses=(400,))},
}
