"""The office's answer, the answer time and extensions through the admin case page forms."""
from datetime import datetime, timezone

import pytest

from functions.shared import clock
from functions.cases import handling
from tests.integration.admin.test_admin_forms_keep_work import OFFICE, forwarded_case
from tests.integration.admin_helpers import admin_login

pytestmark = [pytest.mark.integration]
T0 = datetime(2026, 11, 30, 2, 0, tzinfo=timezone.utc)  # Monday 10:00 in Beijing


def read(case_id):
    return handling.get_case(case_id=case_id, actor=OFFICE, now=clock.now())


def act(client, token, case_id, **data):
    return client.post(f"/admin/cases/{case_id}/act",
                       data={"csrf_token": token, "back": f"/admin/cases/{case_id}", **data})


def test_the_unit_asks_for_days_and_the_office_grants_them_on_the_case_page(app, seeded):
    clock.set_now(T0)
    case_id = forwarded_case(app.test_client())[0]
    unit, office = app.test_client(), app.test_client()
    unit_token, office_token = admin_login(unit, "unit1"), admin_login(office, "office")
    refused = act(office, office_token, case_id, action="assign", unit_id="u-housing",
                  answer_working_days="0")
    assert "办结时限（工作日）：1–60 之间的整数" in refused.get_data(as_text=True)
    assert act(office, office_token, case_id, action="assign", unit_id="u-housing",
               answer_working_days="3").status_code == 302
    before = read(case_id)["deadlines"]["answer"]
    page = unit.get(f"/admin/cases/{case_id}").get_data(as_text=True)
    assert "12月3日（周四）前" in page and "3 个工作日" in page  # Monday + 3 working days
    refused = act(unit, unit_token, case_id, action="request_extension", working_days="三",
                  reason="需协调")
    html = refused.get_data(as_text=True)
    assert refused.status_code == 400 and "延期工作日数：1–20 之间的整数" in html
    assert 'value="三"' in html and "需协调</textarea>" in html  # the typed form is kept
    assert act(unit, unit_token, case_id, action="request_extension", working_days="5",
               reason="需协调供电公司").status_code == 302
    page = office.get(f"/admin/cases/{case_id}").get_data(as_text=True)
    assert "申请延长 5 个工作日：需协调供电公司" in page and 'id="action-decide_extension"' in page
    assert act(office, office_token, case_id, action="decide_extension", grant="1",
               reason="同意").status_code == 302
    case = read(case_id)
    assert case["deadlines"]["answer"] > before and case["extension"]["status"] == "granted"
    page = unit.get(f"/admin/cases/{case_id}").get_data(as_text=True)
    assert "12月10日（周四）前" in page and "5 个工作日 · 已同意" in page
    assert "（延长 5 个工作日）" in page and "（同意，办结期限改为12月10日（周四）前）" in page


def test_a_decision_without_a_choice_is_refused_in_chinese(app, seeded):
    case_id = forwarded_case(app.test_client())[0]
    handling.act(case_id=case_id, action="assign", actor=OFFICE, now=clock.now(),
                 body={"unit_id": "u-housing"})
    handling.act(case_id=case_id, action="request_extension", now=clock.now(),
                 actor={"kind": "staff", "username": "unit1", "role": "unit",
                        "region_id": "demo", "unit_id": "u-housing"},
                 body={"working_days": 3, "reason": "需要时间"})
    office = app.test_client()
    refused = act(office, admin_login(office, "office"), case_id, action="decide_extension")
    assert refused.status_code == 400
    assert "审批意见：请选择同意或不同意" in refused.get_data(as_text=True)
    assert read(case_id)["extension"]["status"] == "pending"
