"""Time budgets against a slow fake WeChat: a request delivers for a few seconds in all,
a scheduled drain stops claiming while Lambda still has a safe margin left."""
import time
from datetime import timedelta

import pytest

from functions.cases import after_write, sweep as reminders
from functions.notifications import drain as notify, credits as subscriptions
from functions.reporting import recount as reconcile
from functions.shared import time_budget
from functions.shared.clock import iso
from functions.cases.moves import outbox_entry
from functions.cases import repository as case_repository
from tests.fakes.fixtures import TEMPLATES
from tests.integration.notify_world import T0, submit, world  # noqa: F401 (a fixture)

pytestmark = pytest.mark.integration
NEW_CASE = TEMPLATES["new_case"]


class LambdaContext:
    """The one method of Lambda's context the handlers read."""

    def __init__(self, seconds: float):
        self._deadline = time.monotonic() + seconds

    def get_remaining_time_in_millis(self) -> int:
        return int((self._deadline - time.monotonic()) * 1000)


def owing(world, case_id: str, entries: int) -> dict:
    """The case with `entries` new-case notices to its deputy, each backed by a credit."""
    subscriptions.add_credits(user_id=world["deputy_user"], template_id=NEW_CASE, count=entries)
    world["wechat"].grant("openid-deputy", NEW_CASE, entries)
    case = case_repository.get(case_id)
    owed = [outbox_entry("case_submit", "deputy", T0) for _ in range(entries)]
    return case_repository.save({**case, "outbox": owed})


def test_delivery_inside_a_request_ends_within_its_budget_and_the_drain_sends_the_rest(world):
    case = owing(world, submit(world, 1)["id"], entries=5)
    world["wechat"].send_delay = 1.5  # 7.5 s for the five, one after the other
    started = time.monotonic()
    after_write.case_written(case, case, T0)
    assert time.monotonic() - started < time_budget.REQUEST_SECONDS + 1
    left = case_repository.get(case["id"])["outbox"]
    assert 0 < len(left) < 5
    world["wechat"].send_delay = 0
    notify.run(now=T0 + timedelta(minutes=1))
    assert world["wechat"].sends_to("openid-deputy") == 5
    assert not case_repository.get(case["id"])["outbox"]


def test_a_scheduled_drain_stops_claiming_with_a_margin_and_says_what_is_left(world):
    for key in (1, 2, 3, 4):
        owing(world, submit(world, key)["id"], entries=1)
    world["wechat"].send_delay = 1.0
    # 12.5 s left: minus the handler's tail, a send's worth more than the reserve.
    first = notify.handler({"now": iso(T0 + timedelta(minutes=1))}, LambdaContext(12.5))
    assert first["entries"] == 1 and first["out_of_time"] is True
    assert first["shards_left_for_next_run"] >= 1
    world["wechat"].send_delay = 0
    second = notify.handler({"now": iso(T0 + timedelta(minutes=2))}, LambdaContext(60))
    assert second["entries"] == 3 and second["out_of_time"] is False
    assert world["wechat"].sends_to("openid-deputy") == 4


def test_a_run_by_hand_has_no_budget_and_drains_everything(world):
    for key in (1, 2):
        owing(world, submit(world, key)["id"], entries=1)
    result = notify.handler({"now": iso(T0 + timedelta(minutes=1))}, None)
    assert result["entries"] == 2 and "out_of_time" not in result


def test_a_reminder_sweep_without_a_safe_margin_left_claims_nothing_and_the_next_does(world):
    submit(world, 1)  # its accept deadline passes within ten days
    later = {"now": iso(T0 + timedelta(days=10))}
    short = reminders.handler(later, LambdaContext(time_budget.SCHEDULED_RESERVE))
    assert short["cases_read"] == 0 and short["out_of_time"] is True
    assert short["shards_left_for_next_run"] >= 1
    full = reminders.handler(later, LambdaContext(60))
    assert full["cases_read"] == 1 and full["reminders"] >= 1


def test_the_nightly_recount_leaves_the_regions_it_has_no_time_for_to_the_next_run(world):
    submit(world, 1)
    event = {"now": iso(T0 + timedelta(hours=1))}
    short = reconcile.handler(event, LambdaContext(reconcile.RESERVE))
    assert "demo" not in short and short["left_for_next_run"]["next_region"] == "demo"
    full = reconcile.handler(event, LambdaContext(reconcile.RESERVE + 60))
    assert full["demo"]["cases"] == 1
