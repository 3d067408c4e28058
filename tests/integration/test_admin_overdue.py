"""The overdue board: open cases past a handling deadline, from their own sparse index."""
from datetime import timedelta

import pytest

from functions import clock, handling, overdue_board
from tests.integration.admin_helpers import admin_login

pytestmark = [pytest.mark.integration]
OFFICE = {"kind": "staff", "username": "office", "role": "office", "region_id": "demo"}


def test_index_values_carry_only_open_cases_by_their_earliest_handling_deadline():
    case = {"id": "c1", "status": "assigned", "region_id": "demo",
            "deadlines": {"sign": "2026-12-01T00:00:00Z", "answer": "2026-12-20T00:00:00Z"}}
    assert overdue_board.index_values(case) == ("REGION#demo#OPEN_DEADLINES",
                                                 "2026-12-01T00:00:00Z#c1")
    assert overdue_board.index_values({**case, "status": "closed"}) is None
    rating_only = {**case, "status": "answered", "deadlines": {"rate": "2026-12-08T00:00:00Z"}}
    assert overdue_board.index_values(rating_only) is None


@pytest.mark.skipif(overdue_board.available(), reason="the index is deployed")
def test_without_its_index_the_board_says_so_instead_of_scanning(client, seeded):
    admin_login(client, "office")
    page = client.get("/admin/overdue").get_data(as_text=True)
    assert "索引尚未启用" in page


@pytest.mark.skipif(not overdue_board.available(), reason="needs CaseItem.by_open_deadline")
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
