"""A retried submission (same Idempotency-Key) never creates a second case."""
import pytest

from tests.case_fixtures import (at_once, body_of, case_body, cast, live_cast)  # noqa: F401

pytestmark = pytest.mark.integration


def post_case(citizen, body, key):
    headers = {"Idempotency-Key": key} if key is not None else {}
    return citizen.post("/api/v1/cases", json=body, headers=headers)


def mine(citizen) -> list[str]:
    return [c["id"] for c in citizen.ok("GET", "/api/v1/cases/mine")["items"]]


def test_the_same_key_from_the_same_citizen_returns_200_and_the_same_case(cast):
    citizen, body = cast.citizen(), case_body(cast.entry_code())
    first = post_case(citizen, body, "retry-1")
    again = post_case(citizen, body, "retry-1")
    assert (first.status_code, again.status_code) == (201, 200)
    assert body_of(again)["case"]["id"] == body_of(first)["case"]["id"]
    assert body_of(again)["case"]["timeline"] == body_of(first)["case"]["timeline"]
    assert mine(citizen) == [body_of(first)["case"]["id"]]


def test_eight_identical_requests_racing_create_exactly_one_case(live_cast):
    citizen, body = live_cast.citizen(), case_body(live_cast.entry_code())
    results = at_once(*[lambda: post_case(citizen, body, "tap-tap-tap")] * 8)
    statuses = sorted(r.status_code for r in results)
    assert statuses == [200] * 7 + [201], [r.text[:200] for r in results]
    assert len({r.json()["case"]["id"] for r in results}) == 1
    assert mine(citizen) == [results[0].json()["case"]["id"]]
    inbox = live_cast.deputy().ok("GET", "/api/v1/deputy/inbox")
    assert len(inbox["items"]) == 1 and inbox["counts"]["submitted"] == 1


def test_a_different_citizen_with_the_same_key_gets_their_own_case(cast):
    body = case_body(cast.entry_code())
    wang, li = cast.citizen("wang"), cast.citizen("li")
    first, second = post_case(wang, body, "same-key"), post_case(li, body, "same-key")
    assert (first.status_code, second.status_code) == (201, 201)
    assert body_of(first)["case"]["id"] != body_of(second)["case"]["id"]
    assert mine(wang) == [body_of(first)["case"]["id"]]
    assert mine(li) == [body_of(second)["case"]["id"]]


def test_a_submission_without_a_usable_idempotency_key_is_refused_with_400(cast):
    citizen, body = cast.citizen(), case_body(cast.entry_code())
    keys = {"absent": None, "empty": "", "blank": "   ", "too long": "k" * 101}
    refused = {}
    for label, key in keys.items():
        response = post_case(citizen, body, key)
        error = (body_of(response) or {}).get("error") or {}
        refused[label] = (response.status_code, error.get("code"),
                          "Idempotency-Key" in (error.get("fields") or {}))
    assert refused == {label: (400, "validation_error", True) for label in keys}
    assert mine(citizen) == []


def test_the_same_key_with_a_different_request_is_a_409_conflict(cast):
    citizen, body = cast.citizen(), case_body(cast.entry_code())
    first = post_case(citizen, body, "reused")
    assert first.status_code == 201
    changes = {"content": "西街的路灯也坏了。", "category": "ecology", "type": "suggestion",
               "public": True, "contact_phone": "13912345678"}
    answered = {}
    for field, value in changes.items():
        response = post_case(citizen, {**body, field: value}, "reused")
        error = (body_of(response) or {}).get("error") or {}
        answered[field] = (response.status_code, error.get("code"))
    assert answered == {field: (409, "conflict") for field in changes}
    assert post_case(citizen, body, "reused").status_code == 200
    assert cast.read(body_of(first)["case"]["id"], citizen)["content"] == body["content"]
    assert mine(citizen) == [body_of(first)["case"]["id"]]
