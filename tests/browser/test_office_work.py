"""The office's daily pages keep work and say what is wrong (issue 17, items 5–7): a
duplicate deputy, a refused assignment, the folded refusal, the readable notification
log and pie labels that fit, each at 390 px and 1280 px."""
import pytest

from tests.browser.cases_via_api import CaseMaker
from tests.browser.conftest import PHONE, admin_login, screenshot
from tests.browser.test_admin_deputies import upload

pytestmark = [pytest.mark.e2e, pytest.mark.integration]
SIZES = {"phone": dict(viewport=PHONE, is_mobile=True, has_touch=True), "desktop": {}}


@pytest.mark.parametrize("size", SIZES)
def test_a_deputy_typed_again_is_recognised_and_the_form_keeps_what_was_typed(
        live_server, seeded, new_page, size):
    page = new_page(**SIZES[size])
    admin_login(page, live_server, "office")
    page.goto(f"{live_server}/admin/deputies/new")
    page.fill("input[name=name]", "李 秀英")
    page.fill("input[name=phone]", "+86 138-0000-0002")
    page.select_option("select[name=level]", "city")
    page.fill("input[name=station]", "新设联络站")
    page.click("form.deputy-form button[type=submit]")
    assert "本地区已有同名同手机号的代表" in page.inner_text("#deputy-exists")
    assert page.input_value("input[name=station]") == "新设联络站"
    assert page.input_value("select[name=level]") == "city"
    screenshot(page, f"deputy-duplicate-{size}")
    upload(page, live_server, [["王德明", "13800000003", "乡镇级", "", ""],
                               ["安宁", "139 0000 0031", "县级", "", ""]])
    assert "1 行已存在、已跳过" in page.inner_text("#import-report")
    screenshot(page, f"deputy-import-existing-{size}")
    page.goto(f"{live_server}/admin/deputies")
    names = page.locator("table.deputies tbody tr td:first-child a").all_inner_texts()
    assert names == ["安宁", "李秀英", "王德明", "张建国"]  # pinyin order


@pytest.mark.parametrize("size", SIZES)
def test_the_case_page_leads_with_assign_hides_the_lead_from_co_units_and_keeps_a_refusal(
        live_server, seeded, api, new_page, size):
    maker = CaseMaker(api, seeded)
    case_id = maker.submit("南街下水道堵塞，雨天积水。")
    maker.forward(case_id)
    page = new_page(**SIZES[size])
    admin_login(page, live_server, "office")
    page.goto(f"{live_server}/admin/cases/{case_id}")
    summaries = page.locator("details.action > summary").all_inner_texts()
    assert summaries[0] == "交办" and summaries[-1] == "其他处理：不予受理"
    assert page.get_attribute("#action-reject", "open") is None
    assert not page.is_visible("#action-reject textarea[name=reason]")
    co_housing = page.locator("[data-co-units] label[data-unit=u-housing]")
    assert co_housing.is_visible()
    page.select_option("select[name=unit_id]", "u-housing")
    assert co_housing.is_hidden()
    page.check("[data-co-units] label[data-unit=u-transport] input")
    page.fill("#action-assign textarea[name=note]", "请尽快疏通")
    screenshot(page, f"case-assign-form-{size}")
    # Without the script's help (a lead chosen again as co-unit) the server refuses, and
    # the page comes back with everything typed and the reason in Chinese.
    page.evaluate("""() => { const l = document.querySelector(
        "[data-co-units] label[data-unit=u-housing]"); l.hidden = false;
        l.querySelector("input").checked = true; }""")
    page.click("#action-assign button[type=submit]")
    assert "不能包含主办单位" in page.inner_text("#form-alert")
    assert page.input_value("#action-assign textarea[name=note]") == "请尽快疏通"
    assert page.is_checked("[data-co-units] label[data-unit=u-transport] input")
    screenshot(page, f"case-assign-refused-{size}")


@pytest.mark.parametrize("size", SIZES)
def test_the_notification_log_and_the_dashboard_read_as_words(
        live_server, seeded, api, new_page, size):
    maker = CaseMaker(api, seeded)
    maker.forward(maker.submit("东街路灯坏了，晚上很黑。"))
    maker.submit("村口水渠堵塞，农田灌溉困难。", category="agriculture")
    maker.submit("学校门口没有红绿灯。", category="education_culture_health")
    page = new_page(**SIZES[size])
    admin_login(page, live_server, "office")
    page.goto(f"{live_server}/admin/notifications")
    log = page.inner_text("table.notifications")
    assert "代表 张建国" in log and "待办汇总短信" in log and "13800000001" not in log
    assert not page.locator("details.detail[open]").count()
    ink = page.locator("td.recipient").first.evaluate("e => getComputedStyle(e).color")
    assert ink != "rgb(255, 255, 255)"  # readable on the white card
    screenshot(page, f"notifications-{size}")
    page.goto(f"{live_server}/admin/dashboard")
    page.wait_for_function("document.body.dataset.charts === '3'")
    assert page.inner_text("#figures-at").startswith("数据更新于 ")  # as of when, HH:MM
    for chart in ("chart-status", "chart-category"):
        option = page.evaluate(f"""() => echarts.getInstanceByDom(
            document.getElementById('{chart}')).getOption()""")
        box = page.evaluate(f"document.getElementById('{chart}').clientWidth")
        label, legend = option["series"][0]["label"], option["legend"][0]
        if box < 480:  # a narrow chart: names in a legend below, no outside labels
            assert label["show"] is False and legend["show"] is not False
        else:  # outside labels wrapped to a fifth of the chart's width
            assert label["overflow"] == "break" and label["width"] <= box * 0.2 + 1
    screenshot(page, f"dashboard-pies-{size}")
