"""The public H5 page of registered suggestions shows units, classes and answers, no phone."""
from datetime import datetime, timezone

import pytest

from functions.shared import clock
from tests.suggestion_fixtures import scast  # noqa: F401

pytestmark = pytest.mark.integration


def test_the_h5_page_lists_registered_suggestions_without_phone_numbers(client, scast):
    clock.set_now(datetime(2026, 3, 2, 2, 0, tzinfo=timezone.utc))
    scast.suggestion_at("answered")
    scast.suggestion_at("submitted")
    html = client.get("/h5/suggestions?region_id=demo&year=2026").get_data(as_text=True)
    assert html.count("关于改善东街照明的建议") == 1
    assert "第 2026-1 号" in html and "示例县住建局" in html and "列入计划解决" in html
    assert "1380000" not in html
    assert client.get("/h5/suggestions").status_code == 400
