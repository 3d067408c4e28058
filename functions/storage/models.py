"""One table, one base model with a discriminator, one subclass per item type.

Entity chart and access patterns: docs/data-model.md. Which store and table every model
uses follows the installed settings (`config.use`, through `connection.configure`), read at
each use: nothing writes to a model's Meta, and a model defined in any package (a subclass
of BaseItem) needs no registering.
"""
from pynamodb.attributes import (
    BooleanAttribute, DiscriminatorAttribute,
    NumberAttribute, TTLAttribute, UnicodeAttribute, UnicodeSetAttribute, VersionAttribute,
)
from pynamodb.indexes import AllProjection, GlobalSecondaryIndex, KeysOnlyProjection
from pynamodb.models import Model

from functions.shared.config import settings as installed_settings
from .clients import table_connection
from .plain_attributes import PlainListAttribute, PlainMapAttribute


class _InstalledTable(type):
    """Meta's table name is the installed settings' (PynamoDB reads it in batch calls)."""
    @property
    def table_name(cls) -> str:
        return installed_settings().table_name


def _index(name, hash_attr, range_attr, projection=AllProjection):
    meta = type("Meta", (), {"index_name": name, "projection": projection(),
                              "billing_mode": "PAY_PER_REQUEST"})
    attrs = {"Meta": meta,
             hash_attr: UnicodeAttribute(hash_key=True),
             range_attr: UnicodeAttribute(range_key=True)}
    return type(f"{name.title()}Index", (GlobalSecondaryIndex,), attrs)()


class BaseItem(Model):
    class Meta(metaclass=_InstalledTable):
        billing_mode = "PAY_PER_REQUEST"

    @classmethod
    def _get_connection(cls):
        """Every item type shares the connection to the installed settings' table."""
        return table_connection(BaseItem)

    pk = UnicodeAttribute(hash_key=True)
    sk = UnicodeAttribute(range_key=True, default="META")
    item_type = DiscriminatorAttribute(attr_name="type")
    gsi1pk = UnicodeAttribute(null=True)
    gsi1sk = UnicodeAttribute(null=True)
    gsi2pk = UnicodeAttribute(null=True)
    gsi2sk = UnicodeAttribute(null=True)
    gsi3pk = UnicodeAttribute(null=True)
    gsi3sk = UnicodeAttribute(null=True)
    gsi4pk = UnicodeAttribute(null=True)
    gsi4sk = UnicodeAttribute(null=True)
    gsi5pk = UnicodeAttribute(null=True)
    gsi5sk = UnicodeAttribute(null=True)
    gsi6pk = UnicodeAttribute(null=True)
    gsi6sk = UnicodeAttribute(null=True)
    gsi7pk = UnicodeAttribute(null=True)
    gsi7sk = UnicodeAttribute(null=True)
    gsi8pk = UnicodeAttribute(null=True)
    gsi8sk = UnicodeAttribute(null=True)
    gsi9pk = UnicodeAttribute(null=True)
    gsi9sk = UnicodeAttribute(null=True)
    gsi10pk = UnicodeAttribute(null=True)
    gsi10sk = UnicodeAttribute(null=True)
    # Sparse: only items with an open deadline / unsent notifications carry these.
    due_pk = UnicodeAttribute(null=True)
    due_at = UnicodeAttribute(null=True)
    outbox_pk = UnicodeAttribute(null=True)
    outbox_at = UnicodeAttribute(null=True)
    deadline_pk = UnicodeAttribute(null=True)  # open cases with a handling deadline
    deadline_at = UnicodeAttribute(null=True)
    inbox_pk = UnicodeAttribute(null=True)  # a deputy's cases, newest first (keys only)
    inbox_at = UnicodeAttribute(null=True)
    expires_at = TTLAttribute(null=True)

    by_gsi1 = _index("gsi1", "gsi1pk", "gsi1sk")
    by_gsi2 = _index("gsi2", "gsi2pk", "gsi2sk")
    by_gsi3 = _index("gsi3", "gsi3pk", "gsi3sk")
    by_gsi4 = _index("gsi4", "gsi4pk", "gsi4sk")
    by_gsi5 = _index("gsi5", "gsi5pk", "gsi5sk")
    by_gsi6 = _index("gsi6", "gsi6pk", "gsi6sk")
    by_gsi7 = _index("gsi7", "gsi7pk", "gsi7sk")
    by_gsi8 = _index("gsi8", "gsi8pk", "gsi8sk")
    by_gsi9 = _index("gsi9", "gsi9pk", "gsi9sk")
    by_gsi10 = _index("gsi10", "gsi10pk", "gsi10sk")
    by_due = _index("due", "due_pk", "due_at")
    by_outbox = _index("outbox", "outbox_pk", "outbox_at", KeysOnlyProjection)
    by_open_deadline = _index("open_deadline", "deadline_pk", "deadline_at")
    by_inbox_newest = _index("inbox_newest", "inbox_pk", "inbox_at", KeysOnlyProjection)


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


class CreditItem(BaseItem, discriminator="credit"):
    """Subscription-message credits of one user for one template."""
    template_id = UnicodeAttribute()
    credits = NumberAttribute(default=0)
    # The last accept not yet matched by the other reporter (mini-program or WeChat push).
    unpaired_source = UnicodeAttribute(null=True)
    unpaired_at = UnicodeAttribute(null=True)
    # The outbox entries whose send spent a credit here, by the day it was spent, in three
    # slots that take turns (functions/notifications/credits.py `consume_credit`).
    spent0 = UnicodeSetAttribute(null=True)
    spent1 = UnicodeSetAttribute(null=True)
    spent2 = UnicodeSetAttribute(null=True)


class NotificationItem(BaseItem, discriminator="notification"):
    notification_id = UnicodeAttribute()
    case_id = UnicodeAttribute(null=True)
    record_kind = UnicodeAttribute(null=True)  # case | suggestion: what it is about
    record_id = UnicodeAttribute(null=True)
    region_id = UnicodeAttribute(null=True)
    channel = UnicodeAttribute()  # wechat | sms
    recipient = UnicodeAttribute()
    recipient_name = UnicodeAttribute(null=True)  # "代表 张三", a citizen masked
    event = UnicodeAttribute()
    payload = PlainMapAttribute(null=True)
    result = UnicodeAttribute()  # sent | recorded | failed | skipped
    detail = UnicodeAttribute(null=True)
    attempts = NumberAttribute(default=1)
    at = UnicodeAttribute()


class CounterItem(BaseItem, discriminator="counter"):
    """Dashboard counters for a scope; numbers live in `counts` by name."""
    counts = PlainMapAttribute(null=True)


class ThrottleItem(BaseItem, discriminator="throttle"):
    hits = NumberAttribute(default=0)
    volume = NumberAttribute(null=True)  # bytes, for the daily upload allowance
    window_start = UnicodeAttribute()


class WechatSessionItem(BaseItem, discriminator="wechat_session"):
    value = UnicodeAttribute()


class SmsDigestItem(BaseItem, discriminator="sms_digest"):
    """SMS waiting for one phone: sent at once, then at most one digest per window."""
    phone = UnicodeAttribute()
    name = UnicodeAttribute(null=True)  # whose phone, for the notification log
    pending = PlainListAttribute(null=True)  # [{"id", "case_id", "kind", "event", "at"}]
    unlisted = NumberAttribute(null=True)  # waiting beyond the listed entries
    unlisted_kinds = PlainMapAttribute(null=True)  # older items: those by kind {"case": n}
    # Those by kind, one counter each, added to in the same write as `unlisted` (the rest
    # are cases): functions/notifications/sms_queue_writes.py UNLISTED_COUNTERS.
    unlisted_suggestion = NumberAttribute(null=True)
    unlisted_project = NumberAttribute(null=True)
    region_id = UnicodeAttribute(null=True)
    last_sent_at = UnicodeAttribute(null=True)
    in_flight = PlainMapAttribute(null=True)  # {"batch", "at", "count"}: a digest sending
    # The phone's last message sent at once, kept until the next: its entry's sender logs it
    # (functions/notifications/sms_digest.py), so no write ends its send.
    at_once = PlainMapAttribute(null=True)
    # Entry ids waiting in `pending`, and those of the last batch sent: a notice queued again
    # (its sender died before the case said so) is a no-op while in either.
    pending_ids = UnicodeSetAttribute(null=True)
    last_ids = UnicodeSetAttribute(null=True)
    version = VersionAttribute()


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

