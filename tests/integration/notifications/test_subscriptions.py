"""Subscription credits on the real local store."""
from concurrent.futures import ThreadPoolExecutor

import pytest

from functions.notifications import credit_accepts, credits as subscriptions
from functions.shared.errors import ValidationFailed
from tests.fakes.fixtures import LONG_TERM, TEMPLATES

pytestmark = pytest.mark.integration
NEW_CASE, PROGRESS = TEMPLATES["new_case"], TEMPLATES["case_progress"]
USER = "w-user-1"


def record(**results):
    return credit_accepts.record_results(user_id=USER, results=results)


def test_each_accept_adds_one_credit(channel_settings):
    record(**{NEW_CASE: "accept"})
    assert record(**{NEW_CASE: "accept"}) == {NEW_CASE: 2}


def test_reject_ban_and_filter_add_nothing_and_report_what_is_there(channel_settings):
    record(**{NEW_CASE: "accept"})
    assert record(**{NEW_CASE: "reject", PROGRESS: "ban"}) == {NEW_CASE: 1, PROGRESS: 0}


def test_the_popups_errmsg_beside_the_answers_is_ignored(channel_settings):
    result = credit_accepts.record_results(
        user_id=USER, results={"errMsg": "requestSubscribeMessage:ok", NEW_CASE: "accept"})
    assert result == {NEW_CASE: 1}


def test_an_unknown_answer_is_refused_naming_the_template(channel_settings):
    with pytest.raises(ValidationFailed) as refused:
        record(**{NEW_CASE: "maybe"})
    assert NEW_CASE in refused.value.fields


def test_an_unknown_template_is_refused_and_nothing_is_counted(channel_settings):
    with pytest.raises(ValidationFailed) as refused:
        record(**{NEW_CASE: "accept", "tpl-from-elsewhere": "accept"})
    assert list(refused.value.fields) == ["tpl-from-elsewhere"]
    assert subscriptions.credits_of(USER, [NEW_CASE]) == {NEW_CASE: 0}


def test_consuming_spends_one_credit_and_refuses_when_none_is_left(channel_settings):
    record(**{NEW_CASE: "accept"})
    assert subscriptions.consume_credit(user_id=USER, template_id=NEW_CASE) is True
    assert subscriptions.consume_credit(user_id=USER, template_id=NEW_CASE) is False
    assert subscriptions.credits_of(USER, [NEW_CASE]) == {NEW_CASE: 0}


def test_a_user_who_never_accepted_has_no_credit_to_consume(channel_settings):
    assert subscriptions.consume_credit(user_id=USER, template_id=NEW_CASE) is False


def test_racing_senders_never_spend_more_credits_than_there_are(channel_settings):
    for _ in range(2):
        record(**{NEW_CASE: "accept"})
    with ThreadPoolExecutor(6) as pool:
        wins = list(pool.map(lambda _: subscriptions.consume_credit(
            user_id=USER, template_id=NEW_CASE), range(6)))
    assert wins.count(True) == 2


def test_a_long_term_template_needs_no_credit(channel_settings):
    assert subscriptions.consume_credit(user_id=USER, template_id=LONG_TERM) is True


def test_resetting_forgets_every_credit_of_the_template(channel_settings):
    record(**{NEW_CASE: "accept"})
    subscriptions.reset_credits(user_id=USER, template_id=NEW_CASE)
    assert subscriptions.credits_of(USER, [NEW_CASE]) == {NEW_CASE: 0}


def test_the_template_of_an_event_comes_from_the_settings(channel_settings):
    assert subscriptions.template_for("new_case") == NEW_CASE


def test_one_accept_reported_by_the_mini_program_and_by_push_counts_once(store):
    from functions.shared import clock
    from datetime import datetime, timezone
    clock.set_now(datetime(2026, 11, 30, 2, 0, tzinfo=timezone.utc))
    assert credit_accepts.add_accept(user_id=USER, template_id=NEW_CASE, source="client") == 1
    assert credit_accepts.add_accept(user_id=USER, template_id=NEW_CASE, source="push") == 1
    # A second consent a little later, reported in the other order, counts once more.
    clock.set_now(datetime(2026, 11, 30, 2, 1, tzinfo=timezone.utc))
    assert credit_accepts.add_accept(user_id=USER, template_id=NEW_CASE, source="push") == 2
    assert credit_accepts.add_accept(user_id=USER, template_id=NEW_CASE, source="client") == 2
    # Two accepts from the same reporter are two consents.
    assert credit_accepts.add_accept(user_id=USER, template_id=NEW_CASE, source="client") == 3
    assert credit_accepts.add_accept(user_id=USER, template_id=NEW_CASE, source="client") == 4
    # An unmatched report long ago does not swallow a new accept from the other side.
    clock.set_now(datetime(2026, 11, 30, 3, 0, tzinfo=timezone.utc))
    assert credit_accepts.add_accept(user_id=USER, template_id=NEW_CASE, source="push") == 5
