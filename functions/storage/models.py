"""One table, one base model with a discriminator, one subclass per item type.

Entity chart and access patterns: docs/data-model.md. Which store and table every model
uses follows the installed settings (`config.use`, through `connection.configure`), read at
each use: nothing writes to a model's Meta, and a model defined in any package (a subclass
of BaseItem) needs no registering. The indexes every item inherits: table_indexes.py.

A read through BaseItem (prefetch, batch reads, a user's partition with its credits) builds
each item as the class its `type` names, which must be defined by then: the items such reads
meet stay here, beside BaseItem. Items read only through their own class may live with
their capability (functions/storage/notification_models.py, functions/duty/models.py, ...).
"""
from pynamodb.attributes import (
    BooleanAttribute, DiscriminatorAttribute,
    NumberAttribute, TTLAttribute, UnicodeAttribute, UnicodeSetAttribute, VersionAttribute,
)
from pynamodb.models import Model

from functions.shared.config import settings as installed_settings
from .clients import table_connection
from .plain_attributes import PlainListAttribute, PlainMapAttribute
from .table_indexes import TableIndexes


class _InstalledTable(type):
    """Meta's table name is the installed settings' (PynamoDB reads it in batch calls)."""
    @property
    def table_name(cls) -> str:
        return installed_settings().table_name


class BaseItem(Model, TableIndexes):
    class Meta(metaclass=_InstalledTable):
        billing_mode = "PAY_PER_REQUEST"

    @classmethod
    def _get_connection(cls):
        """Every item type shares the connection to the installed settings' table."""
        return table_connection(BaseItem)

    pk = UnicodeAttribute(hash_key=True)
    sk = UnicodeAttribute(range_key=True, default="META")
    item_type = DiscriminatorAttribute(attr_name="type")
    expires_at = TTLAttribute(null=True)


class RegionItem(BaseItem, discriminator="region"):
    region_id = UnicodeAttribute()
    name = UnicodeAttribute()
    parent_id = UnicodeAttribute(null=True)
    towns = PlainListAttribute(null=True)  # [{"id", "name"}]
    categories = PlainListAttribute(null=True)  # [{"id", "name"}]
    time_limits = PlainMapAttribute(null=True)


class UnitItem(BaseItem, discriminator="unit"):
    unit_id = UnicodeAttribute()
    name = UnicodeAttribute()
    region_id = UnicodeAttribute()
    active = BooleanAttribute(default=True)
    created_at = UnicodeAttribute()


class StaffItem(BaseItem, discriminator="staff"):
    username = UnicodeAttribute()
    password_hash = UnicodeAttribute()
    role = UnicodeAttribute()  # admin | office | unit
    region_id = UnicodeAttribute()
    unit_id = UnicodeAttribute(null=True)
    phone = UnicodeAttribute(null=True)
    openid = UnicodeAttribute(null=True)
    active = BooleanAttribute(default=True)
    failed_logins = NumberAttribute(default=0)
    locked_until = UnicodeAttribute(null=True)
    created_at = UnicodeAttribute()
    # Tokens and cookies carry the generation they were issued under; moving it on
    # (logout, deactivation, password reset) ends all of them at once.
    session_generation = NumberAttribute(default=0)
    version = VersionAttribute()


class DeputyItem(BaseItem, discriminator="deputy"):
    deputy_id = UnicodeAttribute()
    name = UnicodeAttribute()
    phone = UnicodeAttribute()
    region_id = UnicodeAttribute()
    level = UnicodeAttribute()
    station = UnicodeAttribute(null=True)
    group = UnicodeAttribute(null=True, attr_name="deputy_group")
    entry_code = UnicodeAttribute()
    bind_code = UnicodeAttribute(null=True)
    openid = UnicodeAttribute(null=True)
    bound_user_id = UnicodeAttribute(null=True)
    active = BooleanAttribute(default=True)
    created_at = UnicodeAttribute()
    version = VersionAttribute()


class DeputyIdentityItem(BaseItem, discriminator="deputy_identity"):
    """One per region + normalised name + phone: written first, so a person is one deputy."""
    deputy_id = UnicodeAttribute()


class EntryItem(BaseItem, discriminator="entry"):
    """An entry code → what it opens. Denormalises the deputy card so a scan is one read."""
    entry_code = UnicodeAttribute()
    kind = UnicodeAttribute()  # deputy | station | office
    region_id = UnicodeAttribute()
    deputy_id = UnicodeAttribute(null=True)
    card = PlainMapAttribute(null=True)  # {id, name, level, station}
    active = BooleanAttribute(default=True)  # a deactivated deputy's code takes no cases


class BindCodeItem(BaseItem, discriminator="bind_code"):
    bind_code = UnicodeAttribute()
    deputy_id = UnicodeAttribute()
    created_at = UnicodeAttribute(null=True)  # codes expire (functions/deputy_binding.py)
    # The user the deputy was bound to when this code was issued: whoever binds with it
    # takes the role from them first.
    previous_user_id = UnicodeAttribute(null=True)


class UserItem(BaseItem, discriminator="user"):
    user_id = UnicodeAttribute()
    openid = UnicodeAttribute(null=True)
    phone = UnicodeAttribute(null=True)  # verified: by SMS (H5) or the phone-number button
    roles = UnicodeSetAttribute(null=True)
    deputy_id = UnicodeAttribute(null=True)
    created_at = UnicodeAttribute()
    session_generation = NumberAttribute(default=0)  # moved on by logout: tokens end
    # The other door of the same person: on a WeChat user, the phone user of its verified
    # phone; on a phone user, the one WeChat user that verified it (functions/identity/phone_link.py).
    linked_user_id = UnicodeAttribute(null=True)


class CaseItem(BaseItem, discriminator="case"):
    case_id = UnicodeAttribute()
    status = UnicodeAttribute()
    case_type = UnicodeAttribute(attr_name="case_type")
    category = UnicodeAttribute()
    content = UnicodeAttribute()
    photos = PlainListAttribute(null=True)
    location = PlainMapAttribute(null=True)
    contact_phone = UnicodeAttribute(null=True)
    public = BooleanAttribute(default=False)  # the citizen allows it to be published
    published = BooleanAttribute(null=True)  # the office approved public_text
    public_text = UnicodeAttribute(null=True)  # what the public list shows, masked
    created_at = UnicodeAttribute()
    updated_at = UnicodeAttribute()
    entry_code = UnicodeAttribute()
    deputy_id = UnicodeAttribute(null=True)
    region_id = UnicodeAttribute()
    owner_id = UnicodeAttribute()
    unit_id = UnicodeAttribute(null=True)
    co_unit_ids = PlainListAttribute(null=True)
    deadlines = PlainMapAttribute(null=True)  # name → ISO time
    reminded = PlainListAttribute(null=True)  # ["sign:due_soon", "sign:overdue", ...]
    overdue = BooleanAttribute(default=False)
    rehandle_count = NumberAttribute(default=0)
    rating = PlainMapAttribute(null=True)
    held_for_review = BooleanAttribute(default=False)
    timeline = PlainListAttribute(null=True)  # [{at, actor_role, action, note?}]
    outbox = PlainListAttribute(null=True)  # notifications still to send
    time_limits = PlainMapAttribute(null=True)  # the region's limits when submitted
    deputy_name = UnicodeAttribute(null=True)
    unit_name = UnicodeAttribute(null=True)
    region_name = UnicodeAttribute(null=True)
    resolution = UnicodeAttribute(null=True)  # how a deputy's reply resolved it
    suggestion_ids = PlainListAttribute(null=True)  # suggestions the deputy drew from it
    answered_by = UnicodeAttribute(null=True)  # "unit" or "office": who the rating goes back to
    answer_working_days = NumberAttribute(null=True)  # the answer time the office set
    extension = PlainMapAttribute(null=True)  # the unit's latest extension request
    # The list row as compact JSON, rewritten by every put (functions/cases/summary.py):
    # lists read this alone, never the timeline or outbox.
    summary = UnicodeAttribute(null=True)
    version = VersionAttribute()


class CoUnitLinkItem(BaseItem, discriminator="co_unit_link"):
    """A co-handling unit's place in its own queue (gsi3), kept beside the case item
    after each write; the queue reads the case itself for what it shows."""
    case_id = UnicodeAttribute()
    unit_id = UnicodeAttribute()
    case_version = NumberAttribute()


class ExtensionLinkItem(BaseItem, discriminator="extension_link"):
    """A unit's extension request waiting for the office's decision: the case's place in
    the office's queue (gsi3) while the case itself stays in the unit's."""
    case_id = UnicodeAttribute()
    case_version = NumberAttribute()


class UploadItem(BaseItem, discriminator="upload"):
    file_id = UnicodeAttribute()
    owner_id = UnicodeAttribute()
    content_type = UnicodeAttribute()
    size = NumberAttribute()
    storage_key = UnicodeAttribute()
    created_at = UnicodeAttribute()
    # sha256 of the bytes: a retry of an Idempotency-Key must send the same file (older
    # records have none).
    content_sha256 = UnicodeAttribute(null=True)


class CounterItem(BaseItem, discriminator="counter"):
    """Dashboard counters for a scope; numbers live in `counts` by name."""
    counts = PlainMapAttribute(null=True)


class ThrottleItem(BaseItem, discriminator="throttle"):
    hits = NumberAttribute(default=0)
    volume = NumberAttribute(null=True)  # bytes, for the daily upload allowance
    window_start = UnicodeAttribute()


class WechatSessionItem(BaseItem, discriminator="wechat_session"):
    value = UnicodeAttribute()


class MarkerItem(BaseItem, discriminator="marker"):
    """A fact that something one-off happened (the demo seed, a migration)."""
    at = UnicodeAttribute()


class CalendarItem(BaseItem, discriminator="calendar"):
    """Official days entered by admins beyond chinese_calendar, one item for every region:
    `years` = {"2027": {"all" | <region id>: {"holidays": [...], "workdays": [...],
    "by", "at"}}}."""
    years = PlainMapAttribute(null=True)
    version = VersionAttribute()


class PhoneCodeItem(BaseItem, discriminator="phone_code"):
    """One phone's H5 login code (kept only as an HMAC) and its recent sends, to throttle."""
    code_hash = UnicodeAttribute(null=True)  # removed once used
    code_expires = UnicodeAttribute(null=True)
    tries = NumberAttribute(default=0)  # attempts at the current code
    sends = PlainListAttribute(null=True)  # ISO times of the sends in the last 24 h
    version = VersionAttribute()

