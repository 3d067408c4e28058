"""Every endpoint of api-contract.md, called once in a realistic order, with its store calls.

Used by benchmarks/store_calls.py (the figures) and tests/integration/storage/test_store_calls.py
(the rules). Each row: the endpoint, its audience (`mini` = citizen/deputy mini-program,
`staff`, `other`), and the store calls of the request itself and of what follows a case
write (functions/cases/after_write.py: counters and immediate delivery), with capacity.
"""
import io
from datetime import timedelta

from functions.shared import clock
from functions.notifications import drain as notify
from functions.reporting import recount as reconcile
from functions.org import regions
from functions.duty import rules_cache as duty_rules
from functions.cases import sweep as reminders
from tests.case_fixtures import Caller, Cast, case_body, image_bytes
from tests.store_call_counter import StoreCallCounter, summarise

CASE = "/api/v1/cases/{id}"


def tour(client, seeded: dict, counter: StoreCallCounter, deliver=None) -> list[dict]:
    """Call each endpoint once; rows of store-call figures, in contract order. `deliver()`,
    when given, is the delivery worker's turn after each request (counted with it); it
    returns how many notifications it delivered."""
    rows = []
    cast = Cast(Caller(client), seeded)

    def measure(label, audience, caller, method, path, status=200, **kwargs):
        if deliver is not None:
            deliver()  # what earlier unmeasured calls left is not this endpoint's
        counter.take()
        response = caller.call(method, path, **kwargs)
        delivered = deliver() if deliver is not None else None  # notifications it owed
        calls = counter.take()
        assert response.status_code == status, (label, response.status_code,
                                                response.get_data(as_text=True)[:300])
        rows.append({"endpoint": label, "audience": audience, "status": response.status_code,
                     **summarise(calls),
                     **({"notifications": delivered} if delivered is not None else {})})
        return response.get_json(silent=True)

    anonymous, entry = Caller(client), cast.entry_code(0)
    session = measure("POST /api/v1/auth/wechat", "mini", anonymous, "POST",
                      "/api/v1/auth/wechat", json={"code": "tour-citizen"})
    citizen = Caller(client, session["token"])
    regions.forget_cached()  # the worst case: this process has not read the region yet
    measure("GET /api/v1/entry/{entry_code}", "mini", anonymous, "GET", f"/api/v1/entry/{entry}")
    if any(rule.rule.startswith("/q/") for rule in client.application.url_map.iter_rules()):
        measure("GET /q/{entry_code}", "mini", anonymous, "GET", f"/q/{entry}")
    photo = citizen.upload_photo()["file_id"]
    counter.take()

    def photo_post(key=None):
        return {"content_type": "multipart/form-data", "headers": {"Idempotency-Key": key}
                if key else {}, "data": {"file": (io.BytesIO(image_bytes()), "p.jpg",
                                                  "image/jpeg")}}
    measure("POST /api/v1/uploads", "mini", citizen, "POST", "/api/v1/uploads", 201,
            **photo_post("tour-photo"))
    measure("POST /api/v1/uploads (same key again)", "mini", citizen, "POST",
            "/api/v1/uploads", **photo_post("tour-photo"))
    measure("POST /api/v1/uploads (no key)", "mini", citizen, "POST", "/api/v1/uploads", 201,
            **photo_post())
    regions.forget_cached()  # a process that has not read the region in the last minute
    measure("POST /api/v1/cases (cold process)", "mini", citizen, "POST", "/api/v1/cases", 201,
            json=case_body(entry, public=True), headers={"Idempotency-Key": "tour-0"})
    body = case_body(entry, photos=[photo], public=True, contact_phone="13812341234")
    first = measure("POST /api/v1/cases", "mini", citizen, "POST", "/api/v1/cases", 201,
                    json=body, headers={"Idempotency-Key": "tour-1"})["case"]["id"]
    measure("POST /api/v1/cases (same key again)", "mini", citizen, "POST", "/api/v1/cases",
            json=body, headers={"Idempotency-Key": "tour-1"})
    second, third, fourth, fifth = (citizen.ok(
        "POST", "/api/v1/cases", 201, json=case_body(entry, public=True),
        headers={"Idempotency-Key": f"tour-{n}"})["case"]["id"] for n in range(2, 6))
    measure("GET /api/v1/cases/mine", "mini", citizen, "GET", "/api/v1/cases/mine")
    # Dev mode: the phone-number button's code is the number itself.
    measure("POST /api/v1/auth/phone", "mini", citizen, "POST", "/api/v1/auth/phone",
            json={"code": "13800138000"})
    measure("GET /api/v1/cases/mine (both doors)", "mini", citizen, "GET", "/api/v1/cases/mine")
    measure("GET /api/v1/cases/{id}", "mini", citizen, "GET", CASE.format(id=first))
    measure("POST /api/v1/cases/{id}/withdraw", "mini", citizen, "POST",
            CASE.format(id=fourth) + "/withdraw")
    measure("POST /api/v1/subscriptions", "mini", citizen, "POST", "/api/v1/subscriptions",
            json={"results": {"dev-tpl-new-case": "accept", "dev-tpl-case-progress": "accept",
                              "dev-tpl-case-answered": "reject"}})
    newcomer = Caller(client, cast.anonymous.as_citizen("tour-deputy").token)
    bound = measure("POST /api/v1/deputy/bind", "mini", newcomer, "POST", "/api/v1/deputy/bind",
                    json={"bind_code": seeded["deputies"][0]["bind_code"]})
    deputy = Caller(client, bound["token"])
    measure("GET /api/v1/deputy/inbox", "mini", deputy, "GET", "/api/v1/deputy/inbox")
    for case_id in (first, second, fifth):
        measure("POST /api/v1/cases/{id}/accept", "mini", deputy, "POST",
                CASE.format(id=case_id) + "/accept")
    duty_rules.forget_cached()  # no term start known: the duty record's guess is the default
    measure("POST /api/v1/cases/{id}/reply", "mini", deputy, "POST",
            CASE.format(id=second) + "/reply",
            json={"content": "按政策可以办理。", "resolution": "policy_answer"})
    for case_id in (first, fifth):
        measure("POST /api/v1/cases/{id}/forward", "mini", deputy, "POST",
                CASE.format(id=case_id) + "/forward", json={"note": "请人大办交办"})
    measure("POST /api/v1/cases/{id}/reject", "mini", deputy, "POST",
            CASE.format(id=third) + "/reject", json={"reason": "不属于人大职责"})
    measure("POST /api/v1/cases/{id}/rating", "mini", citizen, "POST",
            CASE.format(id=second) + "/rating", json={"rating": "satisfied"})
    measure("GET /api/v1/public/cases", "mini", anonymous, "GET",
            "/api/v1/public/cases?region_id=demo")
    _staff_tour(measure, cast, anonymous, first, fifth)
    measure("GET /api/v1/health", "other", anonymous, "GET", "/api/v1/health")
    return _merge(rows)


def _staff_tour(measure, cast, anonymous, first, fifth):
    measure("POST /api/v1/staff/login", "staff", anonymous, "POST", "/api/v1/staff/login",
            json={"username": "office", "password": "demo12345"})
    office, unit, admin = cast.office, cast.unit, cast.admin
    made = measure("POST /api/v1/staff/deputies", "staff", office, "POST",
                   "/api/v1/staff/deputies", 201,
                   json={"name": "赵新民", "phone": "13900000011", "level": "county"})
    measure("GET /api/v1/staff/deputies/{id}/qr.png", "staff", office, "GET",
            f"/api/v1/staff/deputies/{made['deputy']['id']}/qr.png")
    measure("POST /api/v1/staff/units", "staff", admin, "POST", "/api/v1/staff/units", 201,
            json={"name": "示例县水利局"})
    measure("POST /api/v1/staff/accounts", "staff", admin, "POST", "/api/v1/staff/accounts",
            201, json={"username": "tour_unit", "password": "demo12345", "role": "unit",
                       "unit_id": "u-transport"})
    measure("GET /api/v1/staff/queue", "staff", office, "GET", "/api/v1/staff/queue")
    for case_id in (first, fifth):
        measure("POST /api/v1/cases/{id}/assign", "staff", office, "POST",
                CASE.format(id=case_id) + "/assign", json={"unit_id": "u-housing"})
    measure("POST /api/v1/cases/{id}/urge", "staff", office, "POST",
            CASE.format(id=first) + "/urge", json={"note": "请尽快办理"})
    measure("POST /api/v1/cases/{id}/publish", "staff", office, "POST",
            CASE.format(id=first) + "/publish", json={"public": True})
    measure("POST /api/v1/cases/{id}/return", "staff", unit, "POST",
            CASE.format(id=fifth) + "/return", json={"reason": "不属于本单位职责"})
    measure("POST /api/v1/cases/{id}/sign", "staff", unit, "POST", CASE.format(id=first) + "/sign")
    measure("POST /api/v1/cases/{id}/progress", "staff", unit, "POST",
            CASE.format(id=first) + "/progress", json={"content": "已安排现场查看。"})
    measure("POST /api/v1/cases/{id}/extension", "staff", unit, "POST",
            CASE.format(id=first) + "/extension", headers={"Idempotency-Key": "tour-ext"},
            json={"working_days": 5, "reason": "需协调供电公司"})
    measure("POST /api/v1/cases/{id}/extension/decision", "staff", office, "POST",
            CASE.format(id=first) + "/extension/decision", json={"grant": True})
    measure("POST /api/v1/cases/{id}/answer", "staff", unit, "POST",
            CASE.format(id=first) + "/answer", json={"content": "已修复。"})
    measure("POST /api/v1/cases/{id}/answer (office)", "staff", office, "POST",
            CASE.format(id=fifth) + "/answer", json={"content": "已协调有关部门解决。"})
    measure("GET /api/v1/staff/notifications", "staff", office, "GET",
            "/api/v1/staff/notifications")
    measure("GET /api/v1/staff/stats", "staff", office, "GET", "/api/v1/staff/stats")
    _lists_tour(measure, cast)
    _sessions_tour(measure, cast, anonymous, made["deputy"]["id"])


def _lists_tour(measure, cast):
    """All cases (unfiltered, then every filter at once), units and deputies to choose."""
    office = cast.office
    regions.forget_cached()  # a category filter is checked against the region's list
    for query in ("", "?status=assigned&category=city_construction&unit_id=u-housing"
                      f"&deputy_id={cast.deputy_id(0)}&from=2020-01-01&to=2099-12-31"):
        measure("GET /api/v1/staff/cases", "staff", office, "GET", f"/api/v1/staff/cases{query}")
    measure("GET /api/v1/staff/units", "staff", office, "GET", "/api/v1/staff/units")
    measure("GET /api/v1/staff/deputies", "staff", office, "GET",
            "/api/v1/staff/deputies?level=county")


def _sessions_tour(measure, cast, anonymous, deputy_id):
    """Codes renewed, a deputy and an account switched off, sessions ended."""
    office, admin = cast.office, cast.admin
    measure("POST /api/v1/staff/deputies/{id}/bind-code", "staff", office, "POST",
            f"/api/v1/staff/deputies/{deputy_id}/bind-code")
    measure("POST /api/v1/staff/deputies/{id}/deactivate", "staff", office, "POST",
            f"/api/v1/staff/deputies/{deputy_id}/deactivate")
    leaving = anonymous.as_staff("tour_unit", "demo12345")
    measure("POST /api/v1/staff/logout", "staff", leaving, "POST", "/api/v1/staff/logout", 204)
    measure("POST /api/v1/staff/accounts/{username}/password", "staff", admin, "POST",
            "/api/v1/staff/accounts/tour_unit/password", json={"password": "new-pass-123"})
    measure("POST /api/v1/staff/accounts/{username}/deactivate", "staff", admin, "POST",
            "/api/v1/staff/accounts/tour_unit/deactivate")


def scheduled_tour(counter: StoreCallCounter) -> list[dict]:
    """Each scheduled function once, as of a month from now (so reminders are due)."""
    rows = []
    later = clock.now() + timedelta(days=30)
    for module in (reminders, notify, reconcile):
        counter.take()
        result = module.run(now=later)
        rows.append({"endpoint": module.__name__,
                     "audience": "scheduled", "result": result, **summarise(counter.take())})
    return rows


def _merge(rows: list[dict]) -> list[dict]:
    """One row per endpoint: the largest figures seen (several calls of one endpoint)."""
    merged: dict[str, dict] = {}
    for row in rows:
        best = merged.get(row["endpoint"])
        if best is None or _weight(row) > _weight(best):
            merged[row["endpoint"]] = row
    return list(merged.values())


def _weight(row):
    return (row["request"]["calls"], row["after_write"]["calls"])
