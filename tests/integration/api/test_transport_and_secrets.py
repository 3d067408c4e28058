"""API answers are never cached or sniffed, HTTPS is sticky, the dev secret never signs
real users' tokens, and hostile JSON is a 400."""
import pytest
import requests

from functions.shared.config import load_settings
from functions.shared.config_checks import DEV_SECRET
from tests.case_fixtures import assert_error

pytestmark = pytest.mark.integration


def test_api_answers_are_no_store_and_nosniff_success_or_error(client, seeded):
    for response in (client.get("/api/v1/public/cases?region_id=demo"),
                     client.get("/api/v1/cases/mine"),
                     client.get("/api/v1/no-such-route")):
        assert response.headers["Cache-Control"] == "no-store"
        assert response.headers["X-Content-Type-Options"] == "nosniff"


def test_hsts_is_sent_over_https_only(client, seeded):
    secure = client.get("/api/v1/health", base_url="https://api.example.cn")
    assert "max-age=" in secure.headers["Strict-Transport-Security"]
    assert "Strict-Transport-Security" not in client.get("/api/v1/health").headers


@pytest.mark.parametrize("channel", [{"WECHAT_APPID": "wx0123456789abcdef"},
                                     {"SMS_ACCESS_KEY_ID": "LTAI-key"}])
@pytest.mark.parametrize("secret", [None, DEV_SECRET])
def test_the_dev_secret_is_refused_once_wechat_or_sms_is_configured(channel, secret):
    env = {**channel, **({"SECRET_KEY": secret} if secret else {})}
    with pytest.raises(RuntimeError, match="SECRET_KEY"):
        load_settings(env)


def test_the_dev_secret_still_serves_a_purely_local_copy():
    assert load_settings({}).secret_key == DEV_SECRET
    assert load_settings({"WECHAT_APPID": "wx1", "SECRET_KEY": "own"}).secret_key == "own"


def test_json_nested_too_deep_is_a_400_not_a_500(api, seeded):
    citizen = api.as_citizen("deep")
    for body in ('{"a":' * 5000 + "1" + "}" * 5000, "[" * 100000 + "]" * 100000):
        response = requests.post(f"{api.base_url}/api/v1/cases", data=body, timeout=30,
                                 headers={"Content-Type": "application/json",
                                          "Idempotency-Key": "deep-1",
                                          "Authorization": f"Bearer {citizen.token}"})
        assert_error(response, 400, "validation_error", "body")
    brackets_in_text = {"entry_code": "X", "content": "[" * 500}
    response = citizen.post("/api/v1/cases", json=brackets_in_text,
                            headers={"Idempotency-Key": "deep-2"})
    assert response.status_code == 404  # brackets inside strings are text: no such entry
