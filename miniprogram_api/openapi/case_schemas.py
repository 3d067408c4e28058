"""Schemas of cases, their lists and the bodies of case actions."""
from miniprogram_api.openapi.paths import text

STR = {"type": "string"}
TEXT_2000 = text(2000)
TEXT_500 = text(500)
NSTR = {"type": "string", "nullable": True}
TIME = {"type": "string", "format": "date-time"}
STATUS = {"type": "string", "enum": ["submitted", "accepted", "replied", "forwarded",
                                     "assigned", "in_progress", "answered", "closed",
                                     "withdrawn", "rejected"]}
TYPE = {"type": "string", "enum": ["consultation", "request", "suggestion"]}
PHOTO = {"type": "object", "required": ["file_id", "url"],
         "properties": {"file_id": STR, "url": STR}}
PHOTO_IDS = {"type": "array", "maxItems": 9, "items": STR, "description":
             "file ids the caller got from POST /api/v1/uploads; a photo belongs to the first "
             "case, duty record or project it is attached to: elsewhere it is 409 conflict "
             "(a retry of the same request still succeeds)"}
LOCATION = {"type": "object", "required": ["lat", "lng"], "additionalProperties": False,
            "description": "degrees; a non-zero lat or lng closer to 0 than 1e-9 is refused "
                           "(400: no real place, and the store cannot keep below 1e-130)",
            "properties": {
    "lat": {"type": "number", "minimum": -90, "maximum": 90},
    "lng": {"type": "number", "minimum": -180, "maximum": 180},
    "address": {"type": "string", "maxLength": 200}}}
TIMELINE_ENTRY = {"type": "object", "required": ["at", "actor_role", "action"], "properties": {
    "at": TIME, "actor_role": STR, "actor_name": STR, "action": STR, "status": STATUS,
    "note": STR, "rating": STR, "photos": {"type": "array", "items": PHOTO},
    "working_days": {"type": "integer"}, "granted": {"type": "boolean"},
    "answer_deadline": TIME}}
DEADLINES = {"type": "object", "additionalProperties": TIME}
# A tolerant reader: mini-programs in the field, older or newer than the server, may send
# fields it does not know; refusing them would break those clients on every change.
IGNORED_FIELDS = {"additionalProperties": True, "description":
                  "Fields not listed here are ignored: neither stored nor echoed, and never "
                  "able to set what the server decides (id, status, deputy, region, owner)."}


def _obj(required, **properties):
    return {"type": "object", "required": list(required), "properties": properties}


CASE = _obj(
    ("id", "status", "type", "category", "content", "photos", "created_at", "updated_at",
     "entry_code", "region_id", "deadlines", "overdue", "rehandle_count", "public",
     "timeline"),
    id=STR, status=STATUS, type=TYPE, category=STR, content=STR,
    photos={"type": "array", "items": PHOTO}, created_at=TIME, updated_at=TIME,
    entry_code=STR, deputy_id=NSTR, deputy_name=NSTR, region_id=STR, region_name=NSTR,
    unit_id=NSTR, unit_name=NSTR, co_unit_ids={"type": "array", "items": STR},
    deadlines=DEADLINES, overdue={"type": "boolean"}, rehandle_count={"type": "integer"},
    rating={"type": "object", "nullable": True}, public={"type": "boolean"},
    published={"type": "boolean", "nullable": True}, public_text=NSTR,
    held_for_review={"type": "boolean"}, resolution=NSTR,
    location={**LOCATION, "nullable": True}, contact_phone=NSTR,
    actions={"type": "array", "items": STR},
    suggestion_ids={"type": "array", "items": STR},  # suggestions its deputy drew from it
    answered_by={"type": "string", "enum": ["unit", "office"], "nullable": True},
    answer_working_days={"type": "integer", "nullable": True},
    extension={"type": "object", "nullable": True, "properties": {
        "status": {"type": "string", "enum": ["pending", "granted", "refused", "lapsed"]},
        "working_days": {"type": "integer"}, "reason": STR, "requested_at": TIME,
        "decided_at": TIME, "decision_reason": NSTR, "answer_before": TIME}},
    timeline={"type": "array", "items": TIMELINE_ENTRY})
SUMMARY = _obj(("id", "status", "type", "category", "content", "created_at"),
               id=STR, status=STATUS, type=TYPE, category=STR, content=STR,
               created_at=TIME, updated_at=TIME, deputy_id=NSTR, deputy_name=NSTR,
               unit_id=NSTR, unit_name=NSTR, deadlines=DEADLINES,
               overdue={"type": "boolean"}, held_for_review={"type": "boolean"},
               rehandle_count={"type": "integer"},
               co_handling={"type": "boolean", "description": "in a unit's queue: the "
                            "caller's unit co-handles this case (another unit leads)"})
# Why a case waits in the queue (functions/cases/summary.py): the office's reasons, then
# a unit's; none on the 已办结 tab.
QUEUE_REASON = {"type": "string", "nullable": True, "enum": [
    "new_submission", "new_forward", "unit_returned", "unsatisfied", "rehandle_limit",
    "extension_requested", "new_assignment", "rehandle", None], "description":
    "office: new_submission (a station's case, or held for review), new_forward (a deputy "
    "forwarded it), unit_returned, unsatisfied (the citizen rated a deputy's reply), "
    "rehandle_limit (unsatisfied after the units' last re-handling), extension_requested (a "
    "unit's extension request waits for the office's decision; the case stays in the unit's "
    "queue too); unit: new_assignment, "
    "rehandle (unsatisfied with its answer); null on the done tab"}
QUEUE_ROW = {**SUMMARY, "required": [*SUMMARY["required"], "reason"],
             "properties": {**SUMMARY["properties"], "reason": QUEUE_REASON}}
PUBLIC_CASE = _obj(("id", "status", "type", "category", "content", "created_at", "timeline"),
                   id=STR, status=STATUS, type=TYPE, category=STR, content=STR,
                   photos={"type": "array", "items": PHOTO}, created_at=TIME,
                   updated_at=TIME, region_id=STR, region_name=NSTR, deputy_name=NSTR,
                   unit_name=NSTR, rating=NSTR,
                   timeline={"type": "array", "items": TIMELINE_ENTRY})


def _list(item, **extra):
    return _obj(("items", "next_cursor"), items={"type": "array", "items": item},
                next_cursor=NSTR, **extra)


CASE_SCHEMAS = {
    "Case": CASE,
    "CaseList": _list(SUMMARY),
    "QueueList": _list(QUEUE_ROW),
    "Inbox": _list(SUMMARY, counts={"type": "object",
                                    "additionalProperties": {"type": "integer"}}),
    "PublicCaseList": _list(PUBLIC_CASE),
    "NewCase": {**_obj(("entry_code", "category", "type", "content"),
                       entry_code={"type": "string", "pattern": "\\S"}, category=STR,
                       type=TYPE, content=TEXT_2000, photos=PHOTO_IDS, location=LOCATION,
                       contact_phone={"type": "string", "pattern": "^1[3-9][0-9]{9}$"},
                       public={"type": "boolean"}),
                **IGNORED_FIELDS},
    "PublishBody": _obj(("public",), public={"type": "boolean"}, public_text=TEXT_2000),
    "NoteBody": {"type": "object", "properties": {"note": {"type": "string", "maxLength": 500}}},
    "ReasonBody": _obj(("reason",), reason=TEXT_500),
    "ReplyBody": _obj(("content", "resolution"), content=TEXT_2000,
                      resolution={"type": "string", "enum": ["policy_answer",
                                                             "resolved_on_spot"]}),
    "ContentBody": _obj(("content",), content=TEXT_2000, photos=PHOTO_IDS),
    "AssignBody": _obj(("unit_id",), unit_id=STR,
                       co_unit_ids={"type": "array", "maxItems": 5, "items": STR},
                       note={"type": "string", "maxLength": 500},
                       answer_working_days={"type": "integer", "minimum": 1, "maximum": 60,
                                            "description": "working days the lead unit has "
                                            "to answer; the region's setting if absent"}),
    "ExtensionBody": _obj(("working_days", "reason"),
                          working_days={"type": "integer", "minimum": 1, "maximum": 20},
                          reason=TEXT_500),
    "ExtensionDecisionBody": _obj(("grant",), grant={"type": "boolean"},
                                  reason={"type": "string", "maxLength": 500}),
    "RatingBody": _obj(("rating",), rating={"type": "string", "enum": [
        "satisfied", "basically_satisfied", "unsatisfied"]},
        comment={"type": "string", "maxLength": 500}),
}
