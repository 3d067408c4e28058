"""OpenAPI schemas of livelihood projects (民生实事): a round, its candidates and vote, a
project with its progress, comments and evaluation (the paths: projects_paths.py)."""
from miniprogram_api.openapi.paths import text

STR, NSTR = {"type": "string"}, {"type": "string", "nullable": True}
INT, BOOL = {"type": "integer"}, {"type": "boolean"}
RATE = {"type": "number", "nullable": True, "minimum": 0, "maximum": 1}
IDS = {"type": "array", "items": STR}
RATING = {"type": "string", "enum": ["satisfied", "basically_satisfied", "unsatisfied"]}
STATE = {"type": "string",
         "enum": ["collecting", "voting", "in_progress", "evaluating", "closed"]}


def obj(required=(), **properties) -> dict:
    schema = {"type": "object", "properties": properties}
    if required:
        schema["required"] = list(required)
    return schema


def wrap(name: str, schema: dict) -> dict:
    return obj((name,), **{name: schema})


ROUND = obj(("id", "state", "year", "title", "max_choices"), id=STR, region_id=STR, year=INT,
            title=STR, max_choices=INT, state=STATE, shortlist=IDS,
            eligible={"type": "integer", "nullable": True}, selected=IDS,
            evaluation_pass=INT, evaluation_projects=IDS, closes_at=NSTR, created_at=STR,
            updated_at=STR)
CANDIDATE = obj(("id", "title", "description", "shortlisted"), id=STR, round_id=STR,
                title=STR, description=STR, proposed_by={"type": "string",
                                                         "enum": ["deputy", "office"]},
                shortlisted=BOOL, created_at=STR,
                votes={"type": "integer", "description": "only once voting closed"},
                selected=BOOL)
SUPERVISORS = obj(("leader", "deputy_group", "office"), leader=text(60),
                  deputy_group=text(60), office=text(60))
PROGRESS = obj(("month", "percent", "content"), month=STR, percent=INT, content=STR,
               photos=IDS, reason=STR, at=STR)
PROJECT = obj(("id", "title", "percent", "progress"), id=STR, round_id=STR, region_id=STR,
              year=INT, candidate_id=STR, title=STR, description=STR, votes=INT,
              unit={**obj(("id", "name"), id=STR, name=STR), "nullable": True},
              supervisors={**SUPERVISORS, "nullable": True}, percent=INT,
              progress={"type": "array", "items": PROGRESS}, satisfaction_rate=RATE,
              needs_re_evaluation=BOOL, evaluations={"type": "array", "items": obj(
                  ("pass",), **{"pass": INT, "rate": RATE, "ratings": {"type": "object"}})},
              created_at=STR, updated_at=STR)
COMMENT = obj(("id", "content"), id=STR, project_id=STR, deputy_name=STR, content=STR,
              created_at=STR, reply={**obj(("content",), content=STR, at=STR, unit_name=NSTR),
                                     "nullable": True})
TURNOUT = obj(("eligible", "ballots"), round_id=STR, state=STATE, eligible=INT, ballots=INT,
              rate=RATE)
BALLOT = obj(("round_id", "chosen", "replaced"), round_id=STR, cast_at=STR, chosen=INT,
             replaced=BOOL, description="counts only: a ballot's choices are never returned")
EVALUATION = obj(("round_id", "pass", "ratings"), round_id=STR, rated_at=STR,
                 ratings={"type": "object", "additionalProperties": RATING}, **{"pass": INT})
ROUND_DETAIL = obj(("round", "candidates", "projects"), round=ROUND,
                   candidates={"type": "array", "items": CANDIDATE},
                   projects={"type": "array", "items": PROJECT}, turnout=TURNOUT,
                   mine=obj(("voted",), voted=BOOL, voted_at=NSTR, on_roll={
                       **BOOL, "description": "the deputy was active when voting opened "
                       "(only they vote in this round)"}, subscribe={
                       "type": "array", "maxItems": 3, "items": STR, "description":
                       "subscription template ids to ask for (wx.requestSubscribeMessage) "
                       "so the deputy hears of this round's coming steps by WeChat"},
                       ratings={
                       "type": "object", "additionalProperties": RATING}))
