"""OpenAPI paths of the staff API (office, unit, admin)."""
from miniprogram_api.openapi.case_schemas import STATUS
from miniprogram_api.openapi.paths import (
    LIST_PARAMS, errors, filter_param, operation, path_param, query_param, ref, text,
)

_MANAGE_ERRORS = (400, 401, 403, 409)
_ID = {"type": "string", "minLength": 1, "maxLength": 64}
_DAY = {"type": "string", "format": "date", "pattern": "^(20[0-9][0-9]|2100)-"}
_LISTING = {"type": "object", "required": ["items", "next_cursor"], "properties": {
    "next_cursor": {"type": "string", "nullable": True}}}


def _choices(**row) -> dict:
    item = {"type": "object", "required": ["id", "name", "active"], "properties": row}
    return {**_LISTING, "properties": {**_LISTING["properties"],
                                       "items": {"type": "array", "items": item}}}


_UNIT_CHOICES = _choices(id=_ID, name={"type": "string"}, active={"type": "boolean"})
_DEPUTY_CHOICES = _choices(
    id=_ID, name={"type": "string"}, active={"type": "boolean"},
    level={"type": "string"}, station={"type": "string", "nullable": True},
    phone={"type": "string", "description": "for the office alone"})
_ALL_CASES = (
    "The region's cases, newest first (office, admin). Filters combine: each is served by "
    "an index, several read the most selective one's index and filter at most a page plus "
    "50 items, so a page may hold fewer rows than `limit` while `next_cursor` is set. "
    "`from` / `to` are days in China time, UTC+8 (submission time)")
_DEPUTY = {"type": "object", "required": ["deputy"], "properties": {"deputy": ref("Deputy")}}
_ACCOUNT = {"type": "object", "required": ["account"], "properties": {"account": ref("Account")}}

STAFF_PATHS = {
    "/api/v1/staff/login": {"post": operation(
        "Staff login with username and password", ref("StaffSession"), auth=False,
        body={"type": "object", "required": ["username", "password"],
              "properties": {"username": text(64),
                             "password": {"type": "string", "minLength": 1, "maxLength": 256}}},
        error_statuses=(400, 401, 429))},
    "/api/v1/staff/deputies": {"get": operation(
        "The region's deputies in pinyin order, to choose from (office and admin of the "
        "region; phones for the office alone), narrowed by name (characters or pinyin), "
        "level, station",
        _DEPUTY_CHOICES, params=[
            filter_param("name", {"type": "string", "maxLength": 40}),
            filter_param("level", {"type": "string", "enum": [
                "national", "provincial", "city", "county", "township"]}),
            filter_param("station", {"type": "string", "maxLength": 40}), *LIST_PARAMS],
        error_statuses=(400, 401, 403)), "post": operation(
        "Register a deputy with an entry code and a one-time bind code; name and phone are "
        "normalised, and the same person again in the region is 409 conflict with "
        "error.fields.existing = that deputy",
        {"type": "object", "required": ["deputy"], "properties": {"deputy": ref("Deputy")}},
        status=201, body=ref("NewDeputy"), error_statuses=_MANAGE_ERRORS)},
    "/api/v1/staff/deputies/{deputy_id}/qr.png": {"get": operation(
        "The deputy's QR code as PNG", {"type": "string", "format": "binary"},
        content_type="image/png", params=[path_param("deputy_id")],
        error_statuses=(401, 403, 404))},
    "/api/v1/staff/deputies/{deputy_id}/bind-code": {"post": operation(
        "A new one-time bind code for the deputy; the old one is void. Whoever binds with it "
        "takes the deputy role from the WeChat user holding it now",
        _DEPUTY, params=[path_param("deputy_id")], error_statuses=(401, 403, 404, 409))},
    "/api/v1/staff/deputies/{deputy_id}/deactivate": {"post": operation(
        "Switch the deputy off: its entry code takes no cases and its WeChat user loses the "
        "deputy role at once", _DEPUTY, params=[path_param("deputy_id")],
        error_statuses=(401, 403, 404, 409))},
    "/api/v1/staff/accounts/{username}/deactivate": {"post": operation(
        "Lock a staff account (admin); every token and cookie session of it ends",
        _ACCOUNT, params=[path_param("username")], error_statuses=(400, 401, 403, 404, 409))},
    "/api/v1/staff/accounts/{username}/password": {"post": operation(
        "Set a new password (admin); every token and cookie session of the account ends",
        _ACCOUNT, params=[path_param("username")], body={
            "type": "object", "required": ["password"],
            "properties": {"password": {"type": "string", "minLength": 8, "maxLength": 256}}},
        error_statuses=(400, 401, 403, 404, 409))},
    "/api/v1/staff/logout": {"post": {
        "summary": "End every session of the caller's account (all its tokens and cookies)",
        "security": [{"bearer": []}],
        "responses": {"204": {"description": "the sessions are over"}, **errors(401, 403, 503)}}},
    "/api/v1/staff/cases": {"get": operation(
        _ALL_CASES, ref("CaseList"), params=[
            filter_param("status", STATUS), filter_param("category", {
                "type": "string", "description": "one of the region's category ids"}),
            filter_param("unit_id", {"type": "string", "maxLength": 64}),
            filter_param("deputy_id", {"type": "string", "maxLength": 64}),
            filter_param("from", _DAY),
            filter_param("to", _DAY), *LIST_PARAMS], error_statuses=(400, 401, 403))},
    "/api/v1/staff/units": {"get": operation(
        "The region's units by name, to choose from (office and admin of the region)",
        _UNIT_CHOICES,
        params=list(LIST_PARAMS), error_statuses=(400, 401, 403)), "post": operation(
        "Create a handling unit",
        {"type": "object", "required": ["unit"], "properties": {"unit": ref("Unit")}},
        status=201, body={"type": "object", "required": ["name"], "properties": {
            "name": text(60), "region_id": {"type": "string", "nullable": True}}},
        error_statuses=_MANAGE_ERRORS)},
    "/api/v1/staff/accounts": {"post": operation(
        "Create a staff account",
        {"type": "object", "required": ["account"], "properties": {"account": ref("Account")}},
        status=201, body=ref("NewAccount"), error_statuses=_MANAGE_ERRORS)},
    "/api/v1/staff/queue": {"get": operation(
        "Cases waiting on the caller's office or unit (and those its unit co-handles; for "
        "the office also assigned and in_progress cases whose extension request waits for "
        "its decision), newest first, each with the reason it is there; a unit's tabs: "
        "assigned (待签收), "
        "in_progress (办理中), done (已办结: what it answered, newest answer first); the "
        "office asking for a tab is forbidden",
        ref("QueueList"),
        params=[filter_param("status", STATUS), filter_param("tab", {
            "type": "string", "enum": ["assigned", "in_progress", "done"]}), *LIST_PARAMS],
        error_statuses=(400, 401, 403))},
    "/api/v1/staff/notifications": {"get": operation(
        "Notifications sent or recorded, newest first; with record_id (case_id), those about "
        "one case or suggestion, each SMS batch that listed it included (event: its own)",
        ref("NotificationList"),
        params=[query_param("record_id"), query_param("case_id"), filter_param("channel", {
            "type": "string", "enum": ["wechat", "sms"]}), *LIST_PARAMS])},
    "/api/v1/staff/calendar": {
        "get": operation(
            "Official holidays and adjusted working weekends entered beyond the library "
            "(every region's and the caller's), and whether the next 90 days are covered",
            ref("OfficialCalendar"), error_statuses=(401, 403)),
        "post": operation(
            "Replace one year's entered days for every region (scope all) or the admin's "
            "own (scope region), from the State Council notice; two empty lists remove them",
            ref("OfficialCalendar"), body={
                "type": "object", "required": ["year", "scope"], "properties": {
                    "year": {"type": "integer", "minimum": 2000, "maximum": 2100},
                    "scope": {"type": "string", "enum": ["all", "region"]},
                    "holidays": {"type": "array", "maxItems": 60,
                                 "items": {"type": "string", "format": "date"}},
                    "workdays": {"type": "array", "maxItems": 60,
                                 "items": {"type": "string", "format": "date"}}}},
            error_statuses=(400, 401, 403, 409))},
    "/api/v1/staff/stats": {"get": operation(
        "Counts by status and category, on-time and satisfaction rates, as of `figures_at` "
        "(summed about two minutes after moves)", ref("Stats"),
        error_statuses=(401, 403))},
}
