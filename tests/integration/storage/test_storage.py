"""The single table on a real dynalite: models, indexes, conditions, the demo seed."""
import dataclasses

import pytest
from pynamodb.attributes import UnicodeAttribute
from pynamodb.exceptions import PutError

from functions.storage import directory_keys, keys
from functions.storage.conditions import is_condition_failure
from functions.storage.connection import (configure, ensure_table, index_definitions,
                                          missing_indexes)
from functions.storage.models import BaseItem, RegionItem, UnitItem
from infra import seed

pytestmark = pytest.mark.integration


def test_the_table_has_every_index_the_models_define(store):
    described = BaseItem.describe_table()
    live = {i["IndexName"]: tuple(k["AttributeName"] for k in i["KeySchema"])
            for i in described["GlobalSecondaryIndexes"]}
    assert live == index_definitions()


def test_ensure_table_is_a_no_op_the_second_time(store):
    assert ensure_table() is False
    assert missing_indexes() == []  # make run warns when an older local table lacks some


def test_plain_maps_and_lists_come_back_as_plain_values(store):
    RegionItem(pk=keys.region_pk("r1"), region_id="r1", name="一县",
               towns=[{"id": "t1", "name": "一镇"}], time_limits={"unit_sign_days": 5}).save()
    item = RegionItem.get(keys.region_pk("r1"), keys.META)
    assert item.towns == [{"id": "t1", "name": "一镇"}]
    assert item.time_limits == {"unit_sign_days": 5}


def test_a_conditional_put_on_an_existing_key_is_recognised_as_lost(store):
    RegionItem(pk=keys.region_pk("r1"), region_id="r1", name="一县").save()
    with pytest.raises(PutError) as caught:
        RegionItem(pk=keys.region_pk("r1"), region_id="r1", name="二县").save(
            condition=RegionItem.pk.does_not_exist())
    assert is_condition_failure(caught.value)


def test_the_discriminator_returns_the_right_class_from_an_index(store):
    UnitItem(pk=keys.unit_pk("u1"), unit_id="u1", name="住建局", region_id="r1",
             created_at="2026-01-01T00:00:00Z", gsi1pk=directory_keys.region_units_key("r1"),
             gsi1sk="住建局").save()
    found = list(BaseItem.by_gsi1.query(directory_keys.region_units_key("r1")))
    assert [type(i) for i in found] == [UnitItem]


def test_the_demo_seed_runs_once(store):
    created = seed.seed_demo()
    assert len(created["deputies"]) == 3
    assert all(d["entry_code"] and d["bind_code"] for d in created["deputies"])
    assert seed.seed_demo() is None
    from functions.identity.staff_accounts import authenticate
    assert authenticate(username="unit1", password="demo12345").unit_id == "u-housing"


class _ElsewhereItem(BaseItem, discriminator="test_elsewhere"):
    """An item type a capability package defines for itself, listed nowhere."""
    note = UnicodeAttribute()


def test_a_model_defined_in_any_package_is_stored_without_registering(store):
    _ElsewhereItem(pk="ELSEWHERE#1", note="一").save()
    assert _ElsewhereItem.get("ELSEWHERE#1", keys.META).note == "一"
    assert isinstance(BaseItem.get("ELSEWHERE#1", keys.META), _ElsewhereItem)


def test_models_follow_the_installed_settings_without_being_repointed(store):
    RegionItem(pk=keys.region_pk("r1"), region_id="r1", name="一县").save()
    other = dataclasses.replace(store, table_name=f"{store.table_name}-other")
    configure(other)
    ensure_table()
    assert BaseItem.Meta.table_name == other.table_name
    assert RegionItem.count(keys.region_pk("r1")) == 0
    configure(store)
    assert RegionItem.get(keys.region_pk("r1"), keys.META).name == "一县"


def test_a_table_made_before_some_indexes_is_told_apart(store):
    old = dataclasses.replace(store, table_name=f"{store.table_name}-old")
    configure(old)
    string = [{"AttributeName": n, "AttributeType": "S"} for n in ("pk", "sk", "gsi1pk", "gsi1sk")]
    try:
        BaseItem._get_connection().connection.client.create_table(
            TableName=old.table_name, BillingMode="PAY_PER_REQUEST", AttributeDefinitions=string,
            KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"},
                       {"AttributeName": "sk", "KeyType": "RANGE"}],
            GlobalSecondaryIndexes=[{"IndexName": "gsi1", "Projection": {"ProjectionType": "ALL"},
                                     "KeySchema": [{"AttributeName": "gsi1pk", "KeyType": "HASH"},
                                                   {"AttributeName": "gsi1sk",
                                                    "KeyType": "RANGE"}]}])
        missing = missing_indexes()
        assert "gsi1" not in missing and {"gsi7", "gsi10", "inbox_newest"} <= set(missing)
    finally:
        configure(store)
