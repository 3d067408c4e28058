"""The notifications capability's items (functions/notifications): the log of every send,
a phone's SMS queue, and a user's subscription-message credits. Each is read through its
own class by the modules that import it, never by a read of BaseItem that could meet one
before its class is defined."""
from pynamodb.attributes import NumberAttribute, UnicodeAttribute, UnicodeSetAttribute, VersionAttribute

from .models import BaseItem
from .plain_attributes import PlainListAttribute, PlainMapAttribute


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
    # {"batch", "at", "count", "kinds", "cases", "records"}: a digest sending
    in_flight = PlainMapAttribute(null=True)
    # The phone's last message sent at once, kept until the next: its entry's sender logs it
    # (functions/notifications/sms_digest.py), so no write ends its send.
    at_once = PlainMapAttribute(null=True)
    # Entry ids waiting in `pending`, and those of the last batch sent: a notice queued again
    # (its sender died before the case said so) is a no-op while in either.
    pending_ids = UnicodeSetAttribute(null=True)
    last_ids = UnicodeSetAttribute(null=True)
    version = VersionAttribute()


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
