"""The WeChat verification file for QR links is served at the site root, nothing else is."""
import json

import pytest

from functions.shared.config import load_settings

pytestmark = pytest.mark.integration


def test_the_configured_verification_file_is_served_as_text(store):
    from miniprogram_api import create_app
    config = load_settings({"STORE_ENDPOINT": store.store_endpoint,
                            "TABLE_NAME": store.table_name,
                            "WECHAT_VERIFY_FILES": json.dumps({"a1b2c3.txt": "9f8e7d6c"})})
    client = create_app(config).test_client()
    response = client.get("/a1b2c3.txt")
    assert response.status_code == 200 and response.data == b"9f8e7d6c"
    assert response.mimetype == "text/plain"
    assert client.get("/other.txt").status_code == 404


def test_the_cloud_refuses_to_start_with_the_public_dev_secret():
    with pytest.raises(RuntimeError, match="SECRET_KEY"):
        load_settings({"AWS_LAMBDA_FUNCTION_NAME": "mashangban-api"})
    assert load_settings({"AWS_LAMBDA_FUNCTION_NAME": "x", "SECRET_KEY": "s"}).secret_key == "s"
