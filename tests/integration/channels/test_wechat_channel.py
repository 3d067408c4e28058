"""The real wechatpy client against the fake WeChat, tokens in the real local store."""
import pytest

from functions.channels import wechat
from functions.shared.config import load_settings
from functions.channels.wechat_session import DynamoSessionStorage
from functions.shared.errors import RateLimited, Unauthorized
from functions.notifications.wechat_fields import fit_data
from functions.storage.connection import configure
from tests.fakes.fixtures import TEMPLATES, channel_env

pytestmark = pytest.mark.integration
NEW_CASE = TEMPLATES["new_case"]
GOOD_DATA = {"thing1": "路灯不亮", "time2": "2024年10月1日 15:01", "character_string3": "C0001"}


def send(openid="o-deputy", data=GOOD_DATA, template_id=NEW_CASE):
    return wechat.send_subscribe_message(openid=openid, template_id=template_id,
                                         data=fit_data(data), page="pages/case/detail?id=C0001")


@pytest.fixture
def deputy(wechat_fake):
    wechat_fake.add_user("o-deputy", unionid="u-deputy")
    return "o-deputy"


def test_a_login_code_gives_the_openid_and_unionid_but_never_the_session_key(
        channel_settings, wechat_fake, deputy):
    result = wechat.code_to_session(wechat_fake.login_code(deputy))
    assert result == {"openid": "o-deputy", "unionid": "u-deputy"}


def test_a_login_code_works_only_once(channel_settings, wechat_fake, deputy):
    code = wechat_fake.login_code(deputy)
    wechat.code_to_session(code)
    with pytest.raises(Unauthorized):
        wechat.code_to_session(code)


def test_too_many_logins_is_rate_limited(channel_settings, wechat_fake, deputy):
    wechat_fake.login_throttled = True
    with pytest.raises(RateLimited):
        wechat.code_to_session(wechat_fake.login_code(deputy))


def test_a_message_with_a_credit_is_sent_with_its_data_and_page(
        channel_settings, wechat_fake, deputy):
    wechat_fake.grant(deputy, NEW_CASE)
    assert send().ok
    sent = wechat_fake.sent()[0]
    assert sent["touser"] == deputy and sent["page"] == "pages/case/detail?id=C0001"
    assert sent["data"]["thing1"] == {"value": "路灯不亮"}


def test_an_expired_token_is_refetched_and_the_send_retried(channel_settings, wechat_fake, deputy):
    wechat_fake.grant(deputy, NEW_CASE, count=2)
    send()
    wechat_fake.expire_current_token()
    outcome = send()
    assert outcome.ok
    assert wechat_fake.token_fetches() == 2
    assert len(wechat_fake.sent()) == 2


def test_two_clients_share_one_token_through_the_store(channel_settings, wechat_fake, deputy):
    first = wechat.new_client(wechat_fake.appid, wechat_fake.secret, wechat_fake.base_url)
    second = wechat.new_client(wechat_fake.appid, wechat_fake.secret, wechat_fake.base_url)
    assert first.access_token == second.access_token
    assert wechat_fake.token_fetches() == 1


def test_a_token_past_its_expiry_is_not_returned_by_the_storage(store):
    now = [1_000_000.0]
    storage = DynamoSessionStorage(now=lambda: now[0])
    storage.set("wx_access_token", "TOKEN", 7200)
    now[0] += 7200
    assert storage.get("wx_access_token") is None


def test_without_a_credit_the_send_fails_for_good_with_43101(channel_settings, deputy):
    outcome = send()
    assert (outcome.ok, outcome.code, outcome.retryable) == (False, 43101, False)


def test_a_long_term_template_needs_no_credit(channel_settings, wechat_fake, deputy):
    outcome = send(template_id=TEMPLATES["deadline_reminder"],
                   data={"thing1": "请签收案件", "date2": "2024年10月1日"})
    assert outcome.ok


def test_an_over_long_field_fails_for_good_with_47003_naming_it(
        channel_settings, wechat_fake, deputy):
    wechat_fake.grant(deputy, NEW_CASE)
    outcome = wechat.send_subscribe_message(
        openid=deputy, template_id=NEW_CASE, page=None,
        data={key: {"value": value} for key, value in {**GOOD_DATA, "thing1": "长" * 21}.items()})
    assert (outcome.code, outcome.retryable) == (47003, False)
    assert "thing1" in outcome.message


def test_an_unknown_openid_fails_for_good_with_40003(channel_settings):
    outcome = send(openid="o-nobody")
    assert (outcome.code, outcome.retryable) == (40003, False)


def test_an_unreachable_wechat_is_a_retryable_failure(channel_settings, wechat_fake, deputy):
    wechat_fake.stop()
    outcome = send()
    assert (outcome.ok, outcome.code, outcome.retryable) == (False, None, True)


def test_the_content_check_uses_version_2_and_reports_risky_text(
        channel_settings, wechat_fake, deputy):
    wechat_fake.risky_words["赌博"] = ("risky", 20006)
    verdict = wechat.msg_sec_check(openid=deputy, content="小区里有人聚众赌博")
    assert verdict == {"risky": True, "label": 20006, "suggest": "risky"}
    assert wechat_fake.requests[-1].json["version"] == 2


def test_dev_mode_checks_content_against_the_local_word_list(store):
    assert wechat.msg_sec_check(openid="dev-x", content="有人赌博")["risky"] is True
    assert wechat.msg_sec_check(openid="dev-x", content="路灯不亮")["suggest"] == "pass"


def test_a_busy_wechat_is_a_retryable_failure(channel_settings, wechat_fake, deputy):
    wechat_fake.grant(deputy, NEW_CASE)
    wechat_fake.busy = True
    outcome = send()
    assert (outcome.ok, outcome.code, outcome.retryable) == (False, -1, True)


def test_a_wrong_app_secret_fails_sends_for_good(store, wechat_fake, deputy):
    env = channel_env(store, wechat_fake, "127.0.0.1:9")
    configure(load_settings({**env, "WECHAT_SECRET": "not-the-secret"}))
    outcome = send()
    assert (outcome.ok, outcome.code, outcome.retryable) == (False, 40125, False)
