"""Connections to the store: one per (endpoint, region, table) of the installed settings.

Every item type shares its table connection, and every table on one store shares one
botocore client (a client costs a decoding of the service description, which a cold start
or a test run with a table per test would otherwise pay again and again). Nothing here
writes to a model: which store is used follows `config.use`, read at each call.
"""
import os

from pynamodb import constants
from pynamodb.connection import Connection, TableConnection
from pynamodb.connection.base import MetaTable
from pynamodb.settings import get_settings_value

from functions.shared.config import settings
from functions.shared.settings_fields import Settings
from functions.storage.botocore_data import use_trimmed_data

_stores: dict[tuple, object] = {}  # (endpoint, region, local?) → low-level Connection
_tables: dict[tuple, TableConnection] = {}  # the same + table name → its connection


class StoreConnection(Connection):
    """PynamoDB's connection, whose botocore session loads the trimmed data (botocore_data)."""

    @property
    def session(self):
        fresh = getattr(self._local, "session", None) is None
        session = super().session
        if fresh:
            use_trimmed_data(session)
        return session


def forget_connections() -> None:
    """Drop every client: the next use connects afresh (a forked worker must not share its
    parent's pooled sockets, so each process makes its own client)."""
    _stores.clear()
    _tables.clear()


os.register_at_fork(after_in_child=forget_connections)


def table_connection(model) -> TableConnection:
    """The connection to the installed settings' table, made on first use (`model`: its schema)."""
    config = settings()
    store = (config.store_endpoint, config.aws_region, config.is_local_store)
    found = _tables.get(store + (config.table_name,))
    if found is None:
        found = _tables.setdefault(store + (config.table_name,), _connect(model, config, store))
    return found


def _connect(model, config: Settings, store: tuple) -> TableConnection:
    shared = _stores.get(store)
    if shared is None:
        shared = _stores.setdefault(store, _store_connection(config))
    table = TableConnection(config.table_name, region=config.aws_region,
                            host=config.store_endpoint)
    table.connection = shared  # the one made above stands unused: it has no client yet
    shared.add_meta_table(_meta_table(model, config.table_name))
    return table


def _store_connection(config: Settings) -> StoreConnection:
    credential = "local" if config.is_local_store else None
    # Short timeouts and few retries: a request should fail fast with a 503,
    # not hang a Lambda for a minute when the store is away.
    return StoreConnection(
        region=config.aws_region, host=config.store_endpoint,
        connect_timeout_seconds=2, read_timeout_seconds=5, max_retry_attempts=2,
        max_pool_connections=get_settings_value("max_pool_connections"),
        extra_headers=get_settings_value("extra_headers"),
        aws_access_key_id=credential, aws_secret_access_key=credential)


def _meta_table(model, table_name: str) -> MetaTable:
    """What PynamoDB knows of a table without describing it: keys and index key schemas."""
    schema = model._get_schema()
    return MetaTable({
        constants.TABLE_NAME: table_name,
        constants.KEY_SCHEMA: schema["key_schema"],
        constants.ATTR_DEFINITIONS: schema["attribute_definitions"],
        constants.GLOBAL_SECONDARY_INDEXES: [
            {constants.INDEX_NAME: index["index_name"], constants.KEY_SCHEMA: index["key_schema"]}
            for index in schema["global_secondary_indexes"]],
        constants.LOCAL_SECONDARY_INDEXES: [],
    })
