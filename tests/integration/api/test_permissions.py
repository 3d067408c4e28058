"""Who may call what: 401 without a valid token, 403 for the wrong role or region."""
import base64
import io
import json
from datetime import datetime, timedelta, timezone

import pytest
from itsdangerous import URLSafeSerializer

from functions.shared import clock
from functions.org import regions, units
from functions.identity import staff_accounts
from tests.case_fixtures import (PASSWORD, Caller, assert_error, cast, image_bytes,  # noqa: F401
                                 outcome, refusals_that_differ)

pytestmark = pytest.mark.integration

C = "/api/v1/cases"


def every_endpoint(case_id: str, deputy_id: str, entry_code: str) -> list[tuple]:
    """(method, path, request kwargs) of every contract endpoint that needs a login."""
    def photo():
        return {"content_type": "multipart/form-data",
                "data": {"file": (io.BytesIO(image_bytes()), "p.jpg", "image/jpeg")}}
    return [
        ("POST", "/api/v1/uploads", photo()),
        ("POST", C, {"json": {"entry_code": entry_code, "category": "other", "type": "request",
                              "content": "路灯坏了"}, "headers": {"Idempotency-Key": "k"}}),
        ("GET", f"{C}/mine", {}),
        ("GET", f"{C}/{case_id}", {}),
        ("POST", f"{C}/{case_id}/withdraw", {}),
        ("POST", f"{C}/{case_id}/rating", {"json": {"rating": "satisfied"}}),
        ("POST", "/api/v1/subscriptions", {"json": {"results": {"tpl": "accept"}}}),
        ("POST", "/api/v1/deputy/bind", {"json": {"bind_code": "ABCDEFGH"}}),
        ("POST", "/api/v1/auth/phone", {"json": {"code": "13800138000"}}),
        ("GET", "/api/v1/deputy/inbox", {}),
        ("POST", f"{C}/{case_id}/accept", {}),
        ("POST", f"{C}/{case_id}/reply",
         {"json": {"content": "答复", "resolution": "policy_answer"}}),
        ("POST", f"{C}/{case_id}/forward", {"json": {"note": "转交"}}),
        ("POST", f"{C}/{case_id}/reject", {"json": {"reason": "不予受理"}}),
        ("POST", "/api/v1/staff/deputies", {"json": {"name": "赵新民", "phone": "13900000011",
                                                     "level": "county"}}),
        ("GET", f"/api/v1/staff/deputies/{deputy_id}/qr.png", {}),
        ("POST", "/api/v1/staff/units", {"json": {"name": "示例县水利局"}}),
        ("POST", "/api/v1/staff/accounts", {"json": {"username": "newbie", "password": PASSWORD,
                                                     "role": "office"}}),
        ("GET", "/api/v1/staff/queue", {}),
        ("GET", "/api/v1/staff/cases", {}), ("GET", "/api/v1/staff/units", {}),
        ("GET", "/api/v1/staff/deputies", {}),
        ("POST", f"{C}/{case_id}/assign", {"json": {"unit_id": "u-housing"}}),
        ("POST", f"{C}/{case_id}/urge", {"json": {"note": "请尽快"}}),
        ("POST", f"{C}/{case_id}/sign", {}),
        ("POST", f"{C}/{case_id}/progress", {"json": {"content": "进展"}}),
        ("POST", f"{C}/{case_id}/answer", {"json": {"content": "答复"}}),
        ("POST", f"{C}/{case_id}/return", {"json": {"reason": "不归我们管"}}),
        ("POST", f"{C}/{case_id}/extension", {"json": {"working_days": 5, "reason": "需协调"}}),
        ("POST", f"{C}/{case_id}/extension/decision", {"json": {"grant": True}}),
        ("GET", f"/api/v1/staff/notifications?case_id={case_id}", {}),
        ("GET", "/api/v1/staff/stats", {}),
    ]


def test_every_endpoint_but_the_public_ones_answers_401_without_a_token(cast, client):
    case = cast.submit()
    anonymous = Caller(client)
    rows = [(f"{m} {p}", anonymous, m, p, kw)
            for m, p, kw in every_endpoint(case["id"], cast.deputy_id(), cast.entry_code())]
    assert refusals_that_differ(rows, 401, "unauthorized") == {}
    assert cast.read(case["id"])["timeline"] == case["timeline"]


def test_the_public_endpoints_answer_without_a_token(cast, client):
    anonymous = Caller(client)
    answered = {
        "entry": outcome(anonymous.get(f"/api/v1/entry/{cast.entry_code()}")),
        "H5 landing page": (anonymous.get(f"/q/{cast.entry_code()}").status_code, None),
        "public cases": outcome(anonymous.get("/api/v1/public/cases?region_id=demo")),
        "wechat login": outcome(anonymous.post("/api/v1/auth/wechat", json={"code": "c1"})),
        "staff login": outcome(anonymous.post("/api/v1/staff/login",
                                              json={"username": "office", "password": PASSWORD})),
    }
    assert answered == {name: (200, None) for name in answered}


def _swap_payload(token: str, claims: dict) -> str:
    """The token's signature under a payload of our choosing."""
    payload = base64.urlsafe_b64encode(json.dumps(claims).encode()).rstrip(b"=").decode()
    return f"{payload}.{token.rsplit('.', 1)[1]}"


def test_forged_or_malformed_tokens_are_refused_with_401(client):
    genuine = Caller(client).as_citizen("forger").token
    admin = {"kind": "staff", "username": "admin", "role": "admin", "region_id": "demo",
             "exp": "2099-01-01T00:00:00Z"}
    headers = {
        "not a token": "Bearer not-a-token",
        "payload swapped under a genuine signature": f"Bearer {_swap_payload(genuine, admin)}",
        "signature cut off": f"Bearer {genuine.rsplit('.', 1)[0]}",
        "empty bearer": "Bearer ",
        "basic scheme": "Basic YWRtaW46ZGVtbzEyMzQ1",
        "token without scheme": genuine,
    }
    wrong = {}
    for label, header in headers.items():
        for path in (f"{C}/mine", "/api/v1/staff/stats"):
            got = outcome(client.get(path, headers={"Authorization": header}))
            if got != (401, "unauthorized"):
                wrong[f"{label} on {path}"] = got
    assert wrong == {}


def test_a_token_signed_with_another_secret_is_refused_with_401(client):
    foreign = URLSafeSerializer("another-secret", salt="mashangban-token-v1").dumps(
        {"kind": "staff", "username": "admin", "role": "admin", "region_id": "demo",
         "exp": "2099-01-01T00:00:00Z"})
    caller = Caller(client, foreign)
    assert_error(caller.get("/api/v1/staff/stats"), 401, "unauthorized")
    assert_error(caller.get(f"{C}/mine"), 401, "unauthorized")


def test_an_expired_token_is_refused_with_401_for_citizens_and_staff(cast, settings):
    start = datetime(2025, 3, 3, 1, 0, tzinfo=timezone.utc)
    clock.set_now(start)
    citizen, office = cast.citizen(), cast.office
    ttl = timedelta(hours=settings.token_ttl_hours)
    clock.set_now(start + ttl - timedelta(minutes=1))
    assert citizen.get(f"{C}/mine").status_code == 200
    assert office.get("/api/v1/staff/queue").status_code == 200
    clock.set_now(start + ttl + timedelta(seconds=1))
    assert_error(citizen.get(f"{C}/mine"), 401, "unauthorized")
    assert_error(office.get("/api/v1/staff/queue"), 401, "unauthorized")


def test_a_citizen_can_neither_see_nor_act_on_another_citizens_case(cast):
    waiting, replied = cast.case_at("submitted"), cast.case_at("replied")
    nosy = cast.citizen("nosy")
    rows = [("read", nosy, "GET", f"{C}/{waiting}", {}),
            ("withdraw", nosy, "POST", f"{C}/{waiting}/withdraw", {}),
            ("rate", nosy, "POST", f"{C}/{replied}/rating", {"json": {"rating": "satisfied"}})]
    assert refusals_that_differ(rows) == {}
    assert cast.citizen().get(f"{C}/{waiting}").status_code == 200
    assert [cast.read(waiting)["status"], cast.read(replied)["status"]] == ["submitted", "replied"]
    assert nosy.ok("GET", f"{C}/mine")["items"] == []


def test_a_deputy_may_see_and_handle_only_their_own_cases(cast):
    waiting, accepted = cast.case_at("submitted"), cast.case_at("accepted")
    other = cast.deputy(1)
    reply = {"content": "答复", "resolution": "policy_answer"}
    rows = [("read", other, "GET", f"{C}/{waiting}", {}),
            ("accept", other, "POST", f"{C}/{waiting}/accept", {}),
            ("reject", other, "POST", f"{C}/{waiting}/reject", {"json": {"reason": "无关"}}),
            ("reply", other, "POST", f"{C}/{accepted}/reply", {"json": reply}),
            ("forward", other, "POST", f"{C}/{accepted}/forward", {"json": {"note": "转"}})]
    assert refusals_that_differ(rows) == {}
    assert cast.deputy(0).get(f"{C}/{waiting}").status_code == 200
    assert other.ok("GET", "/api/v1/deputy/inbox")["items"] == []
    assert [cast.read(waiting)["status"], cast.read(accepted)["status"]] == [
        "submitted", "accepted"]


def test_a_unit_sees_only_its_cases_and_a_co_unit_may_read_and_post_progress_only(cast):
    case_id = cast.case_at("forwarded")
    assert_error(cast.unit.get(f"{C}/{case_id}"), 403, "forbidden")  # not assigned yet
    cast.step(case_id, "assign", body={"unit_id": "u-housing", "co_unit_ids": ["u-transport"]})
    co_unit, stranger = cast.other_unit("u-transport"), cast.other_unit("u-agriculture")
    progress = {"json": {"content": "已派人查看"}}
    assert refusals_that_differ([
        ("stranger reads", stranger, "GET", f"{C}/{case_id}", {}),
        ("stranger signs", stranger, "POST", f"{C}/{case_id}/sign", {}),
        ("stranger returns", stranger, "POST", f"{C}/{case_id}/return", {"json": {"reason": "x"}}),
        ("co-unit signs", co_unit, "POST", f"{C}/{case_id}/sign", {}),
        ("co-unit returns", co_unit, "POST", f"{C}/{case_id}/return", {"json": {"reason": "x"}}),
    ]) == {}
    assert co_unit.get(f"{C}/{case_id}").status_code == 200
    cast.step(case_id, "sign")
    assert refusals_that_differ([
        ("stranger progress", stranger, "POST", f"{C}/{case_id}/progress", progress),
        ("stranger answers", stranger, "POST", f"{C}/{case_id}/answer", progress),
        ("co-unit answers", co_unit, "POST", f"{C}/{case_id}/answer", progress),
    ]) == {}
    after = co_unit.ok("POST", f"{C}/{case_id}/progress", **progress)["case"]
    assert [(e["action"], e["status"]) for e in after["timeline"][-2:]] == [
        ("sign", "in_progress"), ("progress", "in_progress")]


def _second_region():
    regions.create_region(region_id="east", name="东区")
    units.create_unit(name="东区住建局", region_id="east", unit_id="u-east-housing")
    for username, role in (("office_east", "office"), ("admin_east", "admin")):
        staff_accounts.create_account(username=username, password=PASSWORD, role=role,
                                      region_id="east")


def test_office_and_admin_of_another_region_are_refused_on_this_regions_cases_and_deputies(cast):
    case_id = cast.case_at("forwarded")
    _second_region()
    office, admin = cast.staff("office_east"), cast.staff("admin_east")
    qr, notes = f"/api/v1/staff/deputies/{cast.deputy_id()}/qr.png", \
        f"/api/v1/staff/notifications?case_id={case_id}"
    rows = [
        ("office reads", office, "GET", f"{C}/{case_id}", {}),
        ("office assigns", office, "POST", f"{C}/{case_id}/assign",
         {"json": {"unit_id": "u-east-housing"}}),
        ("office urges", office, "POST", f"{C}/{case_id}/urge", {"json": {"note": "快"}}),
        ("office rejects", office, "POST", f"{C}/{case_id}/reject", {"json": {"reason": "无"}}),
        ("office answers", office, "POST", f"{C}/{case_id}/answer", {"json": {"content": "答"}}),
        ("office decides an extension", office, "POST", f"{C}/{case_id}/extension/decision",
         {"json": {"grant": True}}),
        ("office qr", office, "GET", qr, {}),
        ("office notifications", office, "GET", notes, {}),
        ("office adds a deputy there", office, "POST", "/api/v1/staff/deputies", {"json": {
            "name": "赵新民", "phone": "13900000011", "level": "county", "region_id": "demo"}}),
        ("admin reads", admin, "GET", f"{C}/{case_id}", {}),
        ("admin qr", admin, "GET", qr, {}),
        ("admin notifications", admin, "GET", notes, {}),
        ("admin adds a unit there", admin, "POST", "/api/v1/staff/units",
         {"json": {"name": "示例县水利局", "region_id": "demo"}}),
        ("admin adds an account there", admin, "POST", "/api/v1/staff/accounts", {"json": {
            "username": "intruder", "password": PASSWORD, "role": "office", "region_id": "demo"}}),
    ]
    assert refusals_that_differ(rows) == {}
    assert office.ok("GET", "/api/v1/staff/queue")["items"] == []
    assert cast.office.get(qr).status_code == 200 and cast.office.get(notes).status_code == 200
    assert cast.read(case_id)["status"] == "forwarded"


def test_each_role_is_refused_with_403_on_endpoints_meant_for_other_roles(cast):
    citizen, deputy, unit, office, admin = (cast.citizen(), cast.deputy(), cast.unit,
                                            cast.office, cast.admin)
    qr = f"/api/v1/staff/deputies/{cast.deputy_id()}/qr.png"
    new_deputy = {"json": {"name": "赵新民", "phone": "13900000011", "level": "county"}}
    new_unit = {"json": {"name": "示例县水利局"}}
    new_account = {"json": {"username": "newbie", "password": PASSWORD, "role": "office"}}
    submit = {"json": {"entry_code": cast.entry_code(), "category": "other", "type": "request",
                       "content": "路灯坏了"}, "headers": {"Idempotency-Key": "k"}}
    staff_only = [("POST", "/api/v1/staff/deputies", new_deputy), ("GET", qr, {}),
                  ("POST", "/api/v1/staff/units", new_unit),
                  ("POST", "/api/v1/staff/accounts", new_account),
                  ("GET", "/api/v1/staff/queue", {}), ("GET", "/api/v1/staff/notifications", {}),
                  ("GET", "/api/v1/staff/stats", {}), ("GET", "/api/v1/staff/cases", {}),
                  ("GET", "/api/v1/staff/units", {}), ("GET", "/api/v1/staff/deputies", {})]
    rows = [(f"{who} {m} {p}", caller, m, p, kw)
            for who, caller in (("citizen", citizen), ("deputy", deputy))
            for m, p, kw in staff_only]
    rows += [(f"citizen {p}", citizen, "GET", p, {}) for p in ("/api/v1/deputy/inbox",)]
    rows += [(f"unit {m} {p}", unit, m, p, kw) for m, p, kw in staff_only
             if p != "/api/v1/staff/queue"]
    rows += [(f"office {m} {p}", office, m, p, kw) for m, p, kw in (
        ("POST", "/api/v1/staff/units", new_unit), ("POST", "/api/v1/staff/accounts", new_account),
        ("POST", C, submit), ("GET", f"{C}/mine", {}), ("GET", "/api/v1/deputy/inbox", {}),
        ("POST", "/api/v1/subscriptions", {"json": {"results": {"tpl": "accept"}}}),
        ("POST", "/api/v1/deputy/bind", {"json": {"bind_code": "ABCDEFGH"}}))]
    rows += [(f"admin {m} {p}", admin, m, p, kw)
             for m, p, kw in (("GET", "/api/v1/staff/queue", {}), ("POST", C, submit))]
    assert refusals_that_differ(rows) == {}


def test_no_one_may_take_a_case_step_that_belongs_to_another_role(cast):
    at = {s: cast.case_at(s) for s in ("submitted", "accepted", "replied", "forwarded",
                                       "assigned", "in_progress")}
    bodies = {"reply": {"content": "答复", "resolution": "policy_answer"},
              "reject": {"reason": "不予受理"}, "return": {"reason": "非本单位职责"},
              "rating": {"rating": "satisfied"}, "progress": {"content": "进展"},
              "answer": {"content": "办结"}, "assign": {"unit_id": "u-housing"},
              "forward": {"note": "转"}, "urge": {"note": "快"},
              "extension": {"working_days": 5, "reason": "需协调"},
              "extension/decision": {"grant": True}}
    # Each step on a case whose status allows it, so only the role can be at fault.
    where = {"accept": "submitted", "withdraw": "submitted", "reject": "submitted",
             "reply": "accepted", "forward": "accepted", "rating": "replied",
             "assign": "forwarded", "urge": "assigned", "sign": "assigned",
             "return": "assigned", "progress": "in_progress", "answer": "in_progress",
             "extension": "in_progress", "extension/decision": "in_progress"}
    not_theirs = {
        "owner": (cast.citizen(), ["accept", "reject", "reply", "forward", "assign", "urge",
                                   "sign", "return", "progress", "answer", "extension",
                                   "extension/decision"]),
        "deputy": (cast.deputy(), ["withdraw", "rating", "assign", "urge", "sign", "return",
                                   "progress", "answer", "extension", "extension/decision"]),
        "office": (cast.office, ["accept", "reply", "forward", "withdraw", "rating", "sign",
                                 "return", "progress", "answer", "extension"]),
        "unit": (cast.unit, ["accept", "reject", "reply", "withdraw", "assign", "urge",
                             "extension/decision"]),
        "admin": (cast.admin, ["accept", "reject", "assign", "urge", "sign", "answer",
                               "extension", "extension/decision"]),
    }
    rows = [(f"{who} {step}", caller, "POST", f"{C}/{at[where[step]]}/{step}",
             {"json": bodies.get(step)})
            for who, (caller, steps) in not_theirs.items() for step in steps]
    assert refusals_that_differ(rows) == {}
    assert {status: cast.read(case_id)["status"] for status, case_id in at.items()} == {
        status: status for status in at}


def test_a_region_admin_may_read_a_case_but_not_the_citizens_phone(cast):
    case_id = cast.case_at("submitted", contact_phone="13812345678")
    seen = cast.read(case_id, cast.admin)
    assert seen["id"] == case_id and seen["contact_phone"] is None
    assert cast.read(case_id, cast.office)["contact_phone"] == "13812345678"
