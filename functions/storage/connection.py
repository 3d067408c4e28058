"""Point every model at the configured table and endpoint, once per process."""
from pynamodb.indexes import Index

from functions.shared.config import Settings, use
from .models import ALL_MODELS, BaseItem


def configure(settings: Settings) -> None:
    """Install `settings` for the whole process and point every model at its store."""
    use(settings)
    for model in ALL_MODELS:
        meta = model.Meta
        meta.table_name = settings.table_name
        meta.region = settings.aws_region
        meta.host = settings.store_endpoint
        # Short timeouts and few retries: a request should fail fast with a 503,
        # not hang a Lambda for a minute when the store is away.
        meta.connect_timeout_seconds = 2
        meta.read_timeout_seconds = 5
        meta.max_retry_attempts = 2
        if settings.is_local_store:
            meta.aws_access_key_id = "local"
            meta.aws_secret_access_key = "local"
        model._connection = None
    _share_one_connection(settings)


# Low-level connections by store, kept across `configure` calls: a botocore client costs
# a decoding of the service description, which a test run (a table per test) or a
# process that switches tables would otherwise pay again and again.
_clients: dict[tuple, object] = {}


def _share_one_connection(settings: Settings) -> None:
    """Every model reads and writes the same table: one connection (one client) serves all,
    instead of PynamoDB's one per model class, which a cold start pays for 18 times."""
    shared = BaseItem._get_connection()
    key = (settings.store_endpoint, settings.aws_region, settings.is_local_store)
    cached = _clients.setdefault(key, shared.connection)
    if cached is not shared.connection:
        if settings.table_name not in cached._tables:
            cached.add_meta_table(shared.connection.get_meta_table(settings.table_name))
        shared.connection = cached
    for model in ALL_MODELS:
        model._connection = shared


def ensure_table() -> bool:
    """Create the table with every index if it does not exist; True if created."""
    if BaseItem.exists():
        return False
    # dynalite has no UpdateTimeToLive; TTL is cloud-side cleanup only (expiry is
    # checked in code), so a missing TTL call must not stop local set-up.
    BaseItem.create_table(wait=True, billing_mode="PAY_PER_REQUEST",
                          ignore_update_ttl_errors=True)
    return True


def index_definitions() -> dict:
    """GSI name → (hash attribute, range attribute), read from the models themselves."""
    result = {}
    for value in vars(BaseItem).values():
        if isinstance(value, Index):
            schema = value._get_schema()
            keys = {k["KeyType"]: k["AttributeName"] for k in schema["key_schema"]}
            result[schema["index_name"]] = (keys["HASH"], keys.get("RANGE"))
    return result
