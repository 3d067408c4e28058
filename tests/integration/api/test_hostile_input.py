"""Hostile input to the API: each is refused with the right 4xx and leaves nothing behind
(no item added, removed or changed in the table, no file in the upload folder).

Token forgery, expiry and other regions are covered one by one in test_permissions.py;
here each kind comes once more under the "nothing behind" check.
"""
import io
import json
from datetime import timedelta

import pytest
from itsdangerous import URLSafeSerializer

from tests.case_fixtures import PASSWORD, Caller, Cast, case_body, outcome
from tests.reliability.store_snapshot import changes, snapshot

pytestmark = pytest.mark.integration

C = "/api/v1/cases"
LONG = 3000  # characters: past DynamoDB's 2048-byte key limit


@pytest.fixture
def cast(request):
    """The demo cast over the Flask test client."""
    return Cast(Caller(request.getfixturevalue("client")), request.getfixturevalue("seeded"))


def refused_leaving_nothing(rows) -> dict:
    """Call each (label, caller, method, path, kwargs, status, code); what went otherwise."""
    before, wrong = snapshot(), {}
    for label, caller, method, path, kwargs, status, code in rows:
        response = caller.call(method, path, **kwargs)
        if outcome(response) != (status, code):
            wrong[label] = outcome(response)
        elif "Traceback" in response.get_data(as_text=True):
            wrong[label] = "stack trace in the response"
    left = changes(before, snapshot())
    return {**wrong, **({"left behind": left} if left else {})}


def _submit(entry, key="k-hostile", **fields):
    return {"json": case_body(entry, **fields), "headers": {"Idempotency-Key": key}}


def _raw(text: str, key="k-raw", content_type="application/json"):
    return {"data": text, "content_type": content_type, "headers": {"Idempotency-Key": key}}


def test_overlong_values_are_refused_and_leave_nothing(cast):
    forwarded, submitted = cast.case_at("forwarded"), cast.case_at("submitted")
    citizen, office, deputy, admin = cast.citizen(), cast.office, cast.deputy(), cast.admin
    entry, huge_id = cast.entry_code(), "a" * LONG
    rows = [
        ("content of 2001", citizen, "POST", C, _submit(entry, content="路" * 2001), 400),
        ("content of 200k", citizen, "POST", C, _submit(entry, content="x" * 200_000), 400),
        ("key of 101", citizen, "POST", C, _submit(entry, key="k" * 101), 400),
        ("entry code of 3000", citizen, "POST", C, _submit("A" * LONG), 404),
        ("login code of 129", Caller(citizen.client), "POST", "/api/v1/auth/wechat",
         {"json": {"code": "c" * 129}}, 400),
        ("note of 501", deputy, "POST", f"{C}/{submitted}/accept", {"json": {"note": "n" * 501}},
         400),
        ("case id of 3000", citizen, "GET", f"{C}/{huge_id}", {}, 404),
        ("step on case id of 3000", citizen, "POST", f"{C}/{huge_id}/withdraw", {}, 404),
        ("QR of deputy id of 3000", office, "GET", f"/api/v1/staff/deputies/{huge_id}/qr.png",
         {}, 404),
        ("notifications of case id of 3000", office, "GET",
         f"/api/v1/staff/notifications?case_id={huge_id}", {}, 404),
        ("assign to unit id of 3000", office, "POST", f"{C}/{forwarded}/assign",
         {"json": {"unit_id": huge_id}}, 400),
        ("account in unit id of 3000", admin, "POST", "/api/v1/staff/accounts", {"json": {
            "username": "longunit", "password": "x" * 8, "role": "unit", "unit_id": huge_id}}, 400),
    ]
    codes = {400: "validation_error", 404: "not_found"}
    assert refused_leaving_nothing([(*r, codes[r[-1]]) for r in rows]) == {}


def test_text_that_is_no_text_is_refused_and_leaves_nothing(cast):
    citizen, admin, entry = cast.citizen(), cast.admin, cast.entry_code()
    lone = json.dumps(case_body(entry, content="路灯\ud800坏了"))  # valid JSON, no Unicode
    rows = [
        ("lone surrogate in content", citizen, "POST", C, _raw(lone), 400),
        ("lone surrogate in a login code", Caller(citizen.client), "POST", "/api/v1/auth/wechat",
         _raw('{"code": "x\\udc00"}'), 400),
        ("a number as unit name", admin, "POST", "/api/v1/staff/units", {"json": {"name": 5}}, 400),
        ("a list as username", admin, "POST", "/api/v1/staff/accounts",
         {"json": {"username": ["a"], "password": "x" * 8, "role": "office"}}, 400),
        ("an object as region", admin, "POST", "/api/v1/staff/units",
         {"json": {"name": "水利局", "region_id": {}}}, 400),
    ]
    assert refused_leaving_nothing([(*r, "validation_error") for r in rows]) == {}


def test_wrong_content_types_and_disguised_files_are_refused_and_leave_nothing(cast):
    citizen, entry = cast.citizen(), cast.entry_code()
    body = json.dumps(case_body(entry))

    def upload(data: bytes, name: str, mimetype: str):
        return {"content_type": "multipart/form-data",
                "data": {"file": (io.BytesIO(data), name, mimetype)}}
    svg = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
    rows = [
        ("JSON sent as text/plain", C, _raw(body, content_type="text/plain")),
        ("a form instead of JSON", C, {"data": case_body(entry), "headers": {
            "Idempotency-Key": "k-form"}}),
        ("XML instead of JSON", C, _raw("<case><content>x</content></case>",
                                        content_type="application/xml")),
        ("JSON instead of a file", "/api/v1/uploads", {"json": {"file": "aGVsbG8="}}),
        ("SVG with a script", "/api/v1/uploads", upload(svg, "x.svg", "image/svg+xml")),
        ("HTML named .jpg", "/api/v1/uploads", upload(b"<html><script>1</script>", "a.jpg",
                                                      "image/jpeg")),
        ("a traversal name on text", "/api/v1/uploads",
         upload(b"root:x:0:0", "../../../etc/passwd", "image/png")),
    ]
    assert refused_leaving_nothing([(label, citizen, "POST", path, kwargs, 400,
                                     "validation_error") for label, path, kwargs in rows]) == {}


def test_forged_expired_and_cross_region_callers_are_refused_and_leave_nothing(cast, settings):
    from functions.shared import clock
    from functions.org import regions
    from functions.identity import staff_accounts
    case_id, entry = cast.case_at("forwarded"), cast.entry_code()
    clock.set_now(clock.now() - timedelta(hours=settings.token_ttl_hours, minutes=1))
    expired = cast.anonymous.as_citizen("expired").token  # issued a token lifetime ago
    clock.set_now(None)
    regions.create_region(region_id="east", name="东区")
    staff_accounts.create_account(username="office_east", password=PASSWORD, role="office",
                                  region_id="east")
    east = cast.staff("office_east")
    foreign = URLSafeSerializer("another-secret", salt="mashangban-token-v1").dumps(
        {"kind": "user", "user_id": "wforged", "roles": ["citizen"], "exp": "2099-01-01T00:00:00Z"})
    unsigned = "eyJhbGciOiJub25lIn0.eyJraW5kIjoic3RhZmYiLCJyb2xlIjoiYWRtaW4ifQ."
    client = cast.citizen().client
    rows = [(f"{label} submits", Caller(client, token), "POST", C, _submit(entry), 401,
             "unauthorized") for label, token in (("garbage", "x" * 500), ("another secret",
                                                  foreign), ("alg none", unsigned),
                                                 ("expired", expired))]
    rows += [
        ("east office assigns", east, "POST", f"{C}/{case_id}/assign",
         {"json": {"unit_id": "u-housing"}}, 403, "forbidden"),
        ("east office adds a deputy here", east, "POST", "/api/v1/staff/deputies", {"json": {
            "name": "赵", "phone": "13900000011", "level": "county", "region_id": "demo"}},
         403, "forbidden"),
    ]
    assert refused_leaving_nothing(rows) == {}
