"""Key builders: the only place that knows how keys are spelled (alexdebrie style). The
lists of a region's directory (units, deputies, entry codes, staff): directory_keys.py;
the suggestion items': suggestion_keys.py."""

META = "META"
# Ids we hand out are far shorter; a longer one cannot exist, and DynamoDB refuses keys
# over 2048 bytes with an error that is no fault of the store.
MAX_ID_LENGTH = 64


def plausible_id(value) -> bool:
    """Whether `value` could be an id we issued (else: not found, without asking the store)."""
    return isinstance(value, str) and 0 < len(value) <= MAX_ID_LENGTH


OFFICIAL_CALENDAR = "CALENDAR#OFFICIAL"  # the entered holidays and working weekends


def region_pk(region_id: str) -> str:
    return f"REGION#{region_id}"


def unit_pk(unit_id: str) -> str:
    return f"UNIT#{unit_id}"


def staff_pk(username: str) -> str:
    return f"STAFF#{username.lower()}"


def deputy_pk(deputy_id: str) -> str:
    return f"DEPUTY#{deputy_id}"


def deputy_identity_pk(region_id: str, name: str, phone: str) -> str:
    """The uniqueness guard of a deputy: region, normalised phone and name."""
    return f"DEPUTYID#{region_id}#{phone}#{name}"


def entry_pk(entry_code: str) -> str:
    return f"ENTRY#{entry_code}"


def bind_pk(bind_code: str) -> str:
    return f"BIND#{bind_code}"


def user_pk(user_id: str) -> str:
    return f"USER#{user_id}"


def case_pk(case_id: str) -> str:
    return f"CASE#{case_id}"


def upload_pk(file_id: str) -> str:
    return f"FILE#{file_id}"


def credit_sk(template_id: str) -> str:
    return f"CREDIT#{template_id}"


def notification_sk(at_iso: str, notification_id: str) -> str:
    return f"NOTIF#{at_iso}#{notification_id}"


def counter_pk(scope: str) -> str:
    """Counters for a scope such as `REGION#r1` or `DEPUTY#d1`."""
    return f"COUNTERS#{scope}"


def region_counters_key(region_id: str) -> str:
    """The region's deputy counter items, each holding its share of the region's figures."""
    return f"REGION#{region_id}#COUNTERS"


def throttle_pk(subject: str) -> str:
    return f"THROTTLE#{subject}"


def wechat_session_pk(key: str) -> str:
    return f"WXSESSION#{key}"


# GSI partition values -------------------------------------------------------

ALL_REGIONS = "REGIONS"


def owner_cases_key(user_id: str) -> str:
    return f"OWNER#{user_id}"


def deputy_cases_key(deputy_id: str) -> str:
    return f"DEPUTY#{deputy_id}#CASES"


def office_queue_key(region_id: str) -> str:
    return f"QUEUE#OFFICE#{region_id}"


def unit_queue_key(unit_id: str) -> str:
    return f"QUEUE#UNIT#{unit_id}"


def unit_done_key(unit_id: str) -> str:
    """A unit's answered and closed cases (its 已办结 tab)."""
    return f"QUEUE#UNIT#{unit_id}#DONE"


def co_unit_sk(unit_id: str) -> str:
    """Sort key, under the case's pk, of a co-handling unit's queue link."""
    return f"COUNIT#{unit_id}"


def extension_link_sk() -> str:
    """Sort key, under the case's pk, of its extension request's link in the office queue."""
    return "EXTENSION#OFFICE"


def public_cases_key(region_id: str, category: str | None = None) -> str:
    return f"PUBLIC#{region_id}" + (f"#{category}" if category else "")


def region_cases_key(region_id: str) -> str:
    """Every case of a region by creation time: exports, word counts, reconcile."""
    return f"REGION#{region_id}#CASES"


def region_cases_filter_key(region_id: str, field: str, value: str) -> str:
    """A region's cases of one status / category / lead unit / deputy, by creation time."""
    return f"{region_cases_key(region_id)}#{field.upper()}#{value}"


def sms_digest_pk(phone: str) -> str:
    return f"SMSDIGEST#{phone}"


def open_deadlines_key(region_id: str) -> str:
    """A region's open cases by their earliest handling deadline (the overdue board)."""
    return f"REGION#{region_id}#OPEN_DEADLINES"


def region_notifications_key(region_id: str) -> str:
    return f"NOTIFS#{region_id}"


# The sweep indexes are split over a few partitions so a province's burst of writes
# never lands on one hot key; a sweep reads each shard (a fixed number of queries).
SWEEP_SHARDS = 4


def due_key(shard: int) -> str:
    return f"DUE#{shard}"


def outbox_key(shard: int) -> str:
    return f"OUTBOX#{shard}"
