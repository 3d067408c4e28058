"""The suggestion tests' cast: the demo region's deputies, office and units, and a
suggestion walked to any status over the contract's routes."""
import pytest

from tests.case_fixtures import Caller, Cast, LiveApi

DRAFT = {"title": "关于改善东街照明的建议", "content": "东街路灯长期损坏，建议纳入年度改造计划。",
         "category": "city_construction", "session": "session"}
ANSWER_A = {"classification": "A", "content": "路灯已全部更换。"}
ANSWER_B = {"classification": "B", "content": "已列入明年改造计划。", "planned_by": "2027-06"}

# How each step is taken: who, which path, which body.
STEPS = {
    "submit": ("lead", "submit", None),
    "register": ("office", "register", {}),
    "convert": ("office", "convert", {"reason": "属于一般来信，转来信办理"}),
    "return": ("office", "return", {"reason": "请补充具体地点"}),
    "assign": ("office", "assign", {"unit_id": "u-housing", "co_unit_ids": ["u-transport"]}),
    "sign": ("unit", "sign", None),
    "contact": ("unit", "contact", {"method": "phone", "note": "电话联系代表，听取意见"}),
    "answer": ("unit", "answer", ANSWER_B),
    "evaluate_unsatisfied": ("lead", "evaluation", {"rating": "unsatisfied", "comment": "进度太慢"}),
    "evaluate": ("lead", "evaluation", {"rating": "satisfied"}),
}
PATHS = {
    "draft": (), "submitted": ("submit",), "registered": ("submit", "register"),
    "converted": ("submit", "convert"),
    "assigned": ("submit", "register", "assign"),
    "in_progress": ("submit", "register", "assign", "sign"),
    "answered": ("submit", "register", "assign", "sign", "contact", "answer"),
    "closed": ("submit", "register", "assign", "sign", "contact", "answer", "evaluate"),
}


class SuggestionCast(Cast):
    """`Cast` with suggestions: a deputy drafts, everyone steps it along."""

    def draft(self, lead: int = 0, cosigners=(), key: str | None = None, **fields) -> dict:
        self._keys += 1
        body = {**DRAFT, **fields}
        if cosigners:
            body["cosigner_ids"] = [self.deputy_id(i) for i in cosigners]
        return self.deputy(lead).ok(
            "POST", "/api/v1/deputy/suggestions", 201,
            headers={"Idempotency-Key": key or f"s-{self._keys}"}, json=body)["suggestion"]

    def caller(self, who: str, lead: int = 0):
        return {"lead": lambda: self.deputy(lead), "office": lambda: self.office,
                "unit": lambda: self.unit, "co_unit": lambda: self.other_unit("u-transport")
                }[who]()

    def act(self, suggestion_id: str, step: str, *, lead: int = 0, body=None) -> dict:
        who, path, default = STEPS[step]
        return self.caller(who, lead).ok(
            "POST", f"/api/v1/suggestions/{suggestion_id}/{path}",
            json=body if body is not None else default)["suggestion"]

    def suggestion_at(self, status: str, *, lead: int = 0) -> str:
        suggestion = self.draft(lead)
        for step in PATHS[status]:
            suggestion = self.act(suggestion["id"], step, lead=lead)
        assert suggestion["status"] == status, suggestion["status"]
        return suggestion["id"]

    def read_suggestion(self, suggestion_id: str, caller=None) -> dict:
        return (caller or self.office).ok("GET", f"/api/v1/suggestions/{suggestion_id}")[
            "suggestion"]


@pytest.fixture
def scast(seeded, client):
    return SuggestionCast(Caller(client), seeded)


@pytest.fixture
def live_scast(seeded, live_server):
    return SuggestionCast(LiveApi(live_server), seeded)
