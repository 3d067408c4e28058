"""Who may call each duty endpoint: 401 without a token, 403 for the wrong role or region."""
import pytest

from functions.org import regions
from functions.identity import staff_accounts
from tests.case_fixtures import cast, outcome, refusals_that_differ  # noqa: F401
from tests.integration.duty_fixtures import fixed_clock, key, record_body, report  # noqa: F401

pytestmark = pytest.mark.integration


def endpoints(record_id: str, activity_id: str, deputy_id: str) -> dict[str, tuple]:
    """label → (method, path, kwargs, roles allowed) of every duty endpoint needing a login."""
    activity = {"kind": "meeting", "title": "小组活动", "place": "城关镇",
                "starts_at": "2026-06-17T01:00:00Z", "ends_at": "2026-06-17T04:00:00Z"}
    return {
        "report": ("POST", "/api/v1/deputy/duty-records",
                   {"json": record_body(), "headers": key()}, {"deputy"}),
        "own records": ("GET", "/api/v1/deputy/duty-records", {}, {"deputy"}),
        "enter": ("POST", "/api/v1/staff/duty-records",
                  {"json": record_body(deputy_id=deputy_id), "headers": key()}, {"office"}),
        "pending": ("GET", "/api/v1/staff/duty-records", {}, {"office"}),
        "verify": ("POST", f"/api/v1/staff/duty-records/{record_id}/verify", {}, {"office"}),
        "reject": ("POST", f"/api/v1/staff/duty-records/{record_id}/reject",
                   {"json": {"reason": "不符"}}, {"office"}),
        "publish": ("POST", "/api/v1/staff/activities",
                    {"json": activity, "headers": key()}, {"office"}),
        "activities": ("GET", "/api/v1/activities", {}, {"deputy"}),
        "signup": ("POST", f"/api/v1/activities/{activity_id}/signup", {}, {"deputy"}),
        "cancel": ("POST", f"/api/v1/activities/{activity_id}/cancel", {}, {"deputy"}),
        "check-in": ("POST", f"/api/v1/activities/{activity_id}/check-in",
                     {"json": {"code": "ABCDEF"}}, {"deputy"}),
    }


@pytest.fixture
def targets(cast):
    record = report(cast.deputy())
    activity = cast.office.ok("POST", "/api/v1/staff/activities", 201, headers=key(), json={
        "kind": "meeting", "title": "代表小组活动", "place": "城关镇",
        "starts_at": "2026-06-17T01:00:00Z", "ends_at": "2026-06-17T04:00:00Z"})["activity"]
    return endpoints(record["id"], activity["id"], cast.deputy_id())


def test_every_duty_endpoint_but_the_public_ones_answers_401_without_a_token(cast, targets):
    rows = [(label, cast.anonymous, m, p, kw) for label, (m, p, kw, _) in targets.items()]
    assert refusals_that_differ(rows, 401, "unauthorized") == {}


def test_each_role_is_refused_where_it_has_no_business(cast, targets):
    callers = {"citizen": cast.citizen(), "deputy": cast.deputy(), "office": cast.office,
               "unit": cast.unit, "admin": cast.admin}
    rows = [(f"{role} {label}", caller, m, p, kw)
            for label, (m, p, kw, allowed) in targets.items()
            for role, caller in callers.items() if role not in allowed]
    assert refusals_that_differ(rows, 403, "forbidden") == {}


def test_another_regions_deputy_may_not_touch_this_regions_activities(cast, targets):
    regions.create_region(region_id="other", name="别县")
    staff_accounts.create_account(username="office2", password="demo12345", role="office",
                                  region_id="other")
    office2 = cast.staff("office2")
    stranger = office2.ok("POST", "/api/v1/staff/deputies", 201, json={
        "name": "赵外县", "phone": "13900000077", "level": "county"})["deputy"]
    user = cast.anonymous.as_citizen("stranger")
    user = user.with_token(user.ok("POST", "/api/v1/deputy/bind",
                                   json={"bind_code": stranger["bind_code"]})["token"])
    rows = [(label, user, m, p, kw) for label, (m, p, kw, _) in targets.items()
            if label in ("signup", "cancel", "check-in")]
    assert refusals_that_differ(rows, 403, "forbidden") == {}
    assert user.ok("GET", "/api/v1/activities")["items"] == []


def test_ranking_and_archive_answer_anyone(cast, targets):
    anyone = cast.anonymous
    assert outcome(anyone.get("/api/v1/duty/ranking?region_id=demo")) == (200, None)
    assert outcome(anyone.get(f"/api/v1/deputies/{cast.deputy_id()}/archive")) == (200, None)


def test_a_deactivated_deputy_may_no_longer_report_or_sign_up(cast, targets):
    from functions.storage.models import DeputyItem
    deputy = cast.deputy()  # logged in before the office deactivates it
    DeputyItem(pk=f"DEPUTY#{cast.deputy_id()}", sk="META").update(
        actions=[DeputyItem.active.set(False)], add_version_condition=False)
    rows = [(label, deputy, m, p, kw) for label, (m, p, kw, _) in targets.items()
            if label in ("report", "activities", "signup", "check-in")]
    assert refusals_that_differ(rows, 403, "forbidden") == {}
