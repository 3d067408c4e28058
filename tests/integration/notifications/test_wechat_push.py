"""WeChat's message push to /wechat/push, signed as WeChat signs it."""
import hashlib
import itertools
import json
from datetime import datetime, timezone

import pytest

from functions.shared import clock
from functions.notifications import credits as subscriptions
from functions.identity import users
from tests.fakes.fixtures import PUSH_TOKEN, TEMPLATES

pytestmark = pytest.mark.integration
NEW_CASE, PROGRESS = TEMPLATES["new_case"], TEMPLATES["case_progress"]
OPENID = "o-citizen"
USER = users.wechat_user_id(OPENID)


NOW = 1700000000
_nonces = itertools.count()


@pytest.fixture(autouse=True)
def wechat_time():
    """WeChat's pushes carry a timestamp: the server's clock stands at it."""
    clock.set_now(datetime.fromtimestamp(NOW, tz=timezone.utc))


def signed(token=PUSH_TOKEN, timestamp=str(NOW), nonce=None):
    nonce = nonce or f"n0nce{next(_nonces)}"
    signature = hashlib.sha1("".join(sorted([token, timestamp, nonce])).encode()).hexdigest()
    return f"/wechat/push?signature={signature}&timestamp={timestamp}&nonce={nonce}"


def event(name, listed):
    return {"ToUserName": "gh_test", "FromUserName": OPENID, "CreateTime": "1700000000",
            "MsgType": "event", "Event": name, "List": listed}


def popup(*answers):
    items = [{"TemplateId": tid, "SubscribeStatusString": s, "PopupScene": "0"}
             for tid, s in answers]
    return event("subscribe_msg_popup_event", items[0] if len(items) == 1 else items)


def post_json(client, message, url=None):
    return client.post(url or signed(), data=json.dumps(message),
                       content_type="application/json")


def credits(*template_ids):
    return subscriptions.credits_of(USER, template_ids)


def test_the_url_check_echoes_echostr_when_signed_with_our_token(channel_client):
    answer = channel_client.get(signed() + "&echostr=hello-wechat")
    assert (answer.status_code, answer.text) == (200, "hello-wechat")


def test_a_badly_signed_url_check_is_forbidden(channel_client):
    answer = channel_client.get(signed(token="not-ours") + "&echostr=hello-wechat")
    assert answer.status_code == 403
    assert answer.get_json()["error"]["code"] == "forbidden"


def test_a_badly_signed_event_is_forbidden_and_adds_no_credit(channel_client):
    answer = post_json(channel_client, popup((NEW_CASE, "accept")), signed(token="not-ours"))
    assert answer.status_code == 403
    assert set(answer.get_json()["error"]) == {"code", "message", "fields"}
    assert credits(NEW_CASE) == {NEW_CASE: 0}


def test_one_accepted_template_arrives_as_an_object_and_adds_a_credit(channel_client):
    answer = post_json(channel_client, popup((NEW_CASE, "accept")))
    assert (answer.status_code, answer.text) == (200, "success")
    assert credits(NEW_CASE) == {NEW_CASE: 1}


def test_several_templates_arrive_as_a_list_and_only_accepts_count(channel_client):
    post_json(channel_client, popup((NEW_CASE, "accept"), (PROGRESS, "reject")))
    assert credits(NEW_CASE, PROGRESS) == {NEW_CASE: 1, PROGRESS: 0}


def test_repeated_list_elements_in_xml_each_count(channel_client):
    body = f"""<xml><ToUserName><![CDATA[gh_test]]></ToUserName>
      <FromUserName><![CDATA[{OPENID}]]></FromUserName><CreateTime>1700000000</CreateTime>
      <MsgType><![CDATA[event]]></MsgType><Event><![CDATA[subscribe_msg_popup_event]]></Event>
      <SubscribeMsgPopupEvent>
        <List><TemplateId><![CDATA[{NEW_CASE}]]></TemplateId>
          <SubscribeStatusString><![CDATA[accept]]></SubscribeStatusString></List>
        <List><TemplateId><![CDATA[{PROGRESS}]]></TemplateId>
          <SubscribeStatusString><![CDATA[accept]]></SubscribeStatusString></List>
      </SubscribeMsgPopupEvent></xml>"""
    answer = channel_client.post(signed(), data=body.encode(), content_type="text/xml")
    assert answer.text == "success"
    assert credits(NEW_CASE, PROGRESS) == {NEW_CASE: 1, PROGRESS: 1}


def test_turning_a_template_off_forgets_its_credits(channel_client):
    post_json(channel_client, popup((NEW_CASE, "accept")))
    post_json(channel_client, event("subscribe_msg_change_event",
                                    {"TemplateId": NEW_CASE, "SubscribeStatusString": "reject"}))
    assert credits(NEW_CASE) == {NEW_CASE: 0}


def test_a_sent_report_is_acknowledged_and_changes_no_credit(channel_client):
    post_json(channel_client, popup((NEW_CASE, "accept")))
    answer = post_json(channel_client, event("subscribe_msg_sent_event", {
        "TemplateId": NEW_CASE, "MsgID": "1700000000001", "ErrorCode": "0",
        "ErrorStatus": "success"}))
    assert answer.text == "success"
    assert credits(NEW_CASE) == {NEW_CASE: 1}


def test_a_template_we_do_not_use_is_ignored(channel_client):
    answer = post_json(channel_client, popup(("tpl-someone-elses", "accept")))
    assert answer.text == "success"
    assert credits("tpl-someone-elses") == {"tpl-someone-elses": 0}


def test_a_body_that_is_neither_json_nor_xml_is_refused(channel_client):
    answer = channel_client.post(signed(), data=b"<<not a message", content_type="text/xml")
    assert answer.status_code == 400
