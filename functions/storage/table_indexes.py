"""The table's secondary indexes, declared once for every item type: the sparse attributes
that put an item in one and the PynamoDB indexes over them (BaseItem inherits both; which
use shares which physical index: functions/storage/indexes.py; serverless.yml declares the
same indexes, checked by tests/deploy)."""
from pynamodb.attributes import UnicodeAttribute
from pynamodb.indexes import AllProjection, GlobalSecondaryIndex, KeysOnlyProjection


def _index(name, hash_attr, range_attr, projection=AllProjection):
    meta = type("Meta", (), {"index_name": name, "projection": projection(),
                              "billing_mode": "PAY_PER_REQUEST"})
    attrs = {"Meta": meta,
             hash_attr: UnicodeAttribute(hash_key=True),
             range_attr: UnicodeAttribute(range_key=True)}
    return type(f"{name.title()}Index", (GlobalSecondaryIndex,), attrs)()


class TableIndexes:
    """What BaseItem inherits: each index's hash and range attributes, then the indexes."""
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
