"""The store client's trimmed botocore data resolves DynamoDB exactly as botocore's own data."""
import json
import logging

import botocore.session
import pytest

from functions.shared.config import load_settings
from functions.storage import botocore_data, clients
from infra import trim_botocore

BOTOCORE = trim_botocore.installed_botocore()


class Sent(Exception):
    """Raised instead of sending: the test wants the URL, not an answer."""


@pytest.fixture(scope="module")
def trimmed(tmp_path_factory):
    return trim_botocore.write(BOTOCORE, str(tmp_path_factory.mktemp("botocore") / "data"))


def _sent_to(region, endpoint_url=None, data_dir=None, account=None) -> str:
    """The URL a GetItem from a fresh client would go to."""
    session = botocore.session.get_session()
    if data_dir:
        assert botocore_data.use_trimmed_data(session, data_dir)
    client = session.create_client("dynamodb", region, endpoint_url=endpoint_url,
                                   aws_access_key_id="test", aws_secret_access_key="test",
                                   aws_account_id=account)

    def stop(request, **_):
        raise Sent(request.url)
    client.meta.events.register("before-send.dynamodb.*", stop)
    with pytest.raises(Sent) as sent:
        client.get_item(TableName="t", Key={"PK": {"S": "a"}})
    return str(sent.value)


def test_the_trimmed_endpoints_keep_every_partition_and_only_dynamodb(trimmed):
    with open(f"{BOTOCORE}/data/endpoints.json", encoding="utf-8") as f:
        full = json.load(f)
    with open(f"{trimmed}/endpoints.json", encoding="utf-8") as f:
        ours = json.load(f)
    assert ours == trim_botocore.trimmed_endpoints(full)
    assert [p["regions"] for p in ours["partitions"]] == [p["regions"] for p in full["partitions"]]
    assert {name for p in ours["partitions"] for name in p["services"]} == {"dynamodb"}
    assert botocore_data.made_for(trimmed) == botocore.__version__


@pytest.mark.parametrize("region, endpoint_url, account", [
    ("cn-north-1", None, None), ("cn-northwest-1", None, None), ("us-east-1", None, None),
    ("cn-north-1", "http://127.0.0.1:8000", None),
    # Only botocore's own data lets the rules pick an account endpoint; a custom endpoints.json
    # would pin the legacy one: the trimmed file must count as botocore's own.
    ("us-east-1", None, "123456789012")])
def test_a_client_on_the_trimmed_data_sends_where_the_full_data_would(trimmed, region,
                                                                     endpoint_url, account):
    expected = _sent_to(region, endpoint_url, account=account)
    assert _sent_to(region, endpoint_url, data_dir=trimmed, account=account) == expected
    if endpoint_url is None and region.startswith("cn-"):
        assert expected == f"https://dynamodb.{region}.amazonaws.com.cn/"


def test_data_from_another_botocore_is_not_used_and_the_log_says_so(trimmed, tmp_path, caplog):
    stale = trim_botocore.write(BOTOCORE, str(tmp_path / "stale"))
    with open(f"{stale}/{botocore_data.VERSION_FILE}", "w") as f:
        f.write("0.0.1\n")
    session = botocore.session.get_session()
    with caplog.at_level(logging.WARNING, logger=botocore_data.__name__):
        assert not botocore_data.use_trimmed_data(session, stale)
        assert not botocore_data.use_trimmed_data(session, str(tmp_path / "missing"))
    assert "0.0.1" in caplog.text and "holds nothing" in caplog.text
    loader = session.get_component("data_loader")
    assert stale not in loader.search_paths and loader.BUILTIN_DATA_PATH in loader.search_paths


def test_the_store_connection_loads_the_checkouts_trimmed_data_alone():
    # What `make install` writes (the Makefile's botocore-data target), from this botocore.
    if botocore_data.made_for(botocore_data.DATA_DIR) != botocore.__version__:
        trim_botocore.write(BOTOCORE, botocore_data.DATA_DIR)
    config = load_settings({"STORE_PORT": "1", "TABLE_NAME": "t", "SECRET_KEY": "s"})
    session = clients._store_connection(config).session
    assert session.get_component("data_loader").search_paths == [botocore_data.DATA_DIR]
