"""Schemas shared by the OpenAPI paths."""
from miniprogram_api.openapi.case_schemas import CASE_SCHEMAS
from miniprogram_api.openapi.paths import text


def obj(required=(), nullable=False, **properties) -> dict:
    schema = {"type": "object", "properties": properties}
    if required:
        schema["required"] = list(required)
    if nullable:
        schema["nullable"] = True
    return schema


STR = {"type": "string"}
NSTR = {"type": "string", "nullable": True}
INT = {"type": "integer"}
BOOL = {"type": "boolean"}
TIME = {"type": "string", "format": "date-time"}
DATES = {"type": "array", "maxItems": 60, "items": {"type": "string", "format": "date"}}


def listing(item: dict, **extra) -> dict:
    return obj(("items", "next_cursor"), items={"type": "array", "items": item},
               next_cursor=NSTR, **extra)


SCHEMAS = {
    "Error": obj(("error",), error=obj(("code", "message", "fields"), code=STR, message=STR,
                                       fields={"type": "object"})),
    "Health": obj(("status",), status={"type": "string", "enum": ["ok", "unavailable"]},
                  store=STR, detail=STR, calendar={"$ref": "#/components/schemas/Coverage"}),
    "Coverage": obj(("covered", "uncovered_years"), covered=BOOL,
                    uncovered_years={"type": "array", "items": INT}, days_ahead=INT,
                    checked_through={"type": "string", "format": "date"}, message=STR),
    "OfficialDays": obj(("holidays", "workdays"), holidays=DATES, workdays=DATES,
                        by=STR, at=TIME),
    "OfficialCalendar": obj(
        ("years", "coverage"),
        years={"type": "object", "description": "year → {all?, region?} entered days",
               "additionalProperties": {"type": "object", "additionalProperties": {
                   "$ref": "#/components/schemas/OfficialDays"}}},
        coverage={"$ref": "#/components/schemas/Coverage"},
        library_through={"type": "integer", "nullable": True}),
    "UserSession": obj(("token", "expires_at", "user"), token=STR, expires_at=TIME,
                       user={"$ref": "#/components/schemas/User"}),
    "User": obj(("id", "roles", "linked"), id=STR, roles={"type": "array", "items": STR},
                deputy_id=STR, phone={**STR, "description": "the verified phone, to its "
                                      "owner only"},
                linked={"type": "boolean", "description": "one person with the other door "
                        "(WeChat and H5 phone login): cases of both are listed in both"}),
    "StaffSession": obj(("token", "expires_at", "staff"), token=STR, expires_at=TIME,
                        staff=obj(("username", "role", "region_id"), username=STR, role=STR,
                                  region_id=STR, unit_id=NSTR)),
    "Entry": obj(("kind", "region", "categories"),
                 kind={"type": "string", "enum": ["deputy", "station", "office"]},
                 entry_code=STR, region=obj(("id", "name"), id=STR, name=STR),
                 deputy=obj(("id", "name", "level"), id=STR, name=STR, level=STR,
                            station=NSTR),
                 categories={"type": "array", "items": obj(("id", "name"), id=STR, name=STR)}),
    "Upload": obj(("file_id", "url"), file_id=STR, url=STR, content_type=STR, size=INT),
    "Credits": obj(("credits",), credits={"type": "object", "additionalProperties": INT}),
    "NewDeputy": obj(("name", "phone", "level"), name=text(20),
                     phone={"type": "string", "pattern": "^1[3-9][0-9]{9}$"}, region_id=NSTR,
                     level={"type": "string", "enum": ["national", "provincial", "city",
                                                       "county", "township"]},
                     station={"type": "string", "maxLength": 40, "nullable": True},
                     group={"type": "string", "maxLength": 40, "nullable": True}),
    "Deputy": obj(("id", "name", "entry_code"), id=STR, name=STR, phone=STR, region_id=STR,
                  level=STR, station=NSTR, group=NSTR, entry_code=STR, bind_code=NSTR,
                  active=BOOL, bound=BOOL),
    "Unit": obj(("id", "name", "region_id"), id=STR, name=STR, region_id=STR, active=BOOL),
    "NewAccount": obj(("username", "password", "role"),
                      username={"type": "string", "pattern": "^[A-Za-z0-9_.]{3,32}$"},
                      password={"type": "string", "minLength": 8},
                      role={"type": "string", "enum": ["admin", "office", "unit"]},
                      unit_id={"type": "string", "nullable": True,
                               "description": "an active unit of the region; required for role unit"},
                      region_id=NSTR, phone={"type": "string", "nullable": True,
                                             "pattern": "^(1[3-9][0-9]{9})?$"}),
    "Account": obj(("username", "role", "region_id"), username=STR, role=STR, region_id=STR,
                   unit_id=NSTR, active=BOOL),
    "NotificationList": listing(obj(
        ("id", "channel", "recipient", "event", "result", "at"), id=STR, case_id=NSTR,
        record_kind=NSTR, record_id=NSTR,
        channel=STR, recipient=STR, recipient_name=NSTR, event=STR,
        payload={"type": "object", "nullable": True},
        result=STR, reason=NSTR, detail=NSTR, attempts=INT, at=TIME)),
    "Stats": obj(("total", "by_status", "by_category", "figures_at"), region_id=STR,
                 figures_at=TIME, total=INT,
                 by_status={"type": "object", "additionalProperties": INT},
                 by_category={"type": "object", "additionalProperties": INT},
                 received_by_month={"type": "object", "additionalProperties": INT},
                 closed_by_month={"type": "object", "additionalProperties": INT},
                 ratings={"type": "object", "additionalProperties": INT},
                 on_time_rate={"type": "number", "nullable": True},
                 satisfaction_rate={"type": "number", "nullable": True},
                 avg_first_response_minutes={"type": "integer", "nullable": True}),
    **CASE_SCHEMAS,
}
