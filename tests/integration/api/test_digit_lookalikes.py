"""Characters Python calls digits that are no number ("²", "³"): str.isdigit() says yes,
int() refuses them. Every place that reads a number typed or sent as text answers the
contract's 4xx (or the form again), never a 500."""
import pytest

from functions.shared import clock
from functions.cases import handling
from tests.integration.admin_helpers import admin_login
from tests.integration.admin.test_admin_case_actions import OFFICE, station_case

pytestmark = pytest.mark.integration
SQUARED = "%C2%B2"  # "²"


def test_a_photo_link_with_a_superscript_expiry_is_forbidden(client, seeded):
    response = client.get(f"/files/uploads/fb4a7075409226bc3.4bac73d805d950c6b895"
                          f"?exp={SQUARED}&sig=ab")
    assert response.status_code == 403


def test_the_public_projects_of_a_superscript_year_are_a_400_for_the_api_and_the_page(
        client, seeded):
    api = client.get(f"/api/v1/public/projects?region_id=demo&year={SQUARED * 4}")
    assert api.status_code == 400 and api.get_json()["error"]["fields"] == {
        "year": "a year such as 2027"}
    assert client.get(f"/h5/projects?region_id=demo&year={SQUARED * 4}").status_code == 400


def test_a_superscript_number_of_working_days_in_the_admin_form_is_refused_on_the_page(
        app, seeded):
    case_id = station_case(app.test_client(), seeded)
    handling.act(case_id=case_id, action="return", actor={
        "kind": "staff", "username": "unit1", "role": "unit", "region_id": "demo",
        "unit_id": "u-housing"}, now=clock.now(), body={"reason": "不归我们管"})
    office = app.test_client()
    csrf = admin_login(office, "office")
    response = office.post(f"/admin/cases/{case_id}/act", data={
        "csrf_token": csrf, "back": f"/admin/cases/{case_id}", "action": "assign",
        "unit_id": "u-housing", "answer_working_days": "²"})
    assert response.status_code == 400, response.get_data(as_text=True)[:300]
    assert handling.get_case(case_id=case_id, actor=OFFICE, now=clock.now())[
        "status"] == "forwarded"
