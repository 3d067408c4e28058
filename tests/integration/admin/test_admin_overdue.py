"""The overdue board: open cases past a handling deadline, from their own sparse index."""
from datetime import timedelta

import pytest

from functions.shared import clock
from functions.cases import handling
from functions.reporting import overdue_board

pytestmark = [pytest.mark.integration]
OFFICE = {"kind": "staff", "username": "office", "role": "office", "region_id": "demo"}


def test_only_open_cases_carry_the_index_by_their_earliest_handling_deadline():
    from functions.cases.repository import index_attributes
    case = {"id": "c1", "status": "assigned", "region_id": "demo", "owner_id": "u",
            "created_at": "2026-11-30T00:00:00Z", "category": "other",
            "deadlines": {"sign": "2026-12-01T00:00:00Z", "answer": "2026-12-20T00:00:00Z"}}
    attrs = index_attributes(case)
    assert (attrs["deadline_pk"], attrs["deadline_at"]) == (
        "REGION#demo#OPEN_DEADLINES", "2026-12-01T00:00:00Z#c1")
    assert index_attributes({**case, "status": "closed"})["deadline_pk"] is None
    rating_only = {**case, "status": "answered", "deadlines": {"rate": "2026-12-08T00:00:00Z"}}
    assert index_attributes(rating_only)["deadline_pk"] is None


def test_the_board_lists_cases_whose_deadline_passed(client, seeded):
    entry = seeded["deputies"][0]["entry_code"]
    token = client.post("/api/v1/auth/wechat", json={"code": "late"}).get_json()["token"]
    case = client.post("/api/v1/cases", headers={"Authorization": f"Bearer {token}",
                                                 "Idempotency-Key": "late-1"}, json={
        "entry_code": entry, "category": "ecology", "type": "request",
        "content": "河道垃圾无人清理"}).get_json()["case"]
    now = clock.now()
    assert overdue_board.board(actor=OFFICE, now=now)["items"] == []
    later = now + timedelta(days=10)
    assert [c["id"] for c in overdue_board.board(actor=OFFICE, now=later)["items"]] == \
        [case["id"]]
    assert handling.get_case(case_id=case["id"], actor=OFFICE, now=later)["overdue"]
