"""Install the settings whose store and table every model uses; create the table locally."""
from pynamodb.indexes import Index

from functions.shared.config import use
from functions.shared.settings_fields import Settings
from .models import BaseItem


def configure(settings: Settings) -> None:
    """Install `settings` for the whole process and connect to its store (once per store and
    table: the botocore client is made here, at start-up or in Lambda's init phase, not by
    the first request)."""
    use(settings)
    BaseItem._get_connection().connection.client  # noqa: B018 (the property makes the client)


def ensure_table() -> bool:
    """Create the table with every index if it does not exist; True if created."""
    if BaseItem.exists():
        return False
    # dynalite has no UpdateTimeToLive; TTL is cloud-side cleanup only (expiry is
    # checked in code), so a missing TTL call must not stop local set-up.
    BaseItem.create_table(wait=True, billing_mode="PAY_PER_REQUEST",
                          ignore_update_ttl_errors=True)
    return True


def missing_indexes() -> list[str]:
    """Indexes the models define that the existing table lacks (a local table made by an
    older release: dynalite cannot add an index to a table)."""
    live = {i["IndexName"] for i in BaseItem.describe_table().get("GlobalSecondaryIndexes", [])}
    return sorted(set(index_definitions()) - live)


def index_definitions() -> dict:
    """GSI name → (hash attribute, range attribute), read from the models themselves."""
    result = {}
    for value in vars(BaseItem).values():
        if isinstance(value, Index):
            schema = value._get_schema()
            keys = {k["KeyType"]: k["AttributeName"] for k in schema["key_schema"]}
            result[schema["index_name"]] = (keys["HASH"], keys.get("RANGE"))
    return result
