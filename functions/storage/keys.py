"""Key builders: the only place that knows how keys are spelled (alexdebrie style)."""

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


def region_units_key(region_id: str) -> str:
    return f"REGION#{region_id}#UNITS"


def region_deputies_key(region_id: str) -> str:
    return f"REGION#{region_id}#DEPUTIES"


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


def region_staff_key(region_id: str) -> str:
    """Every staff account of a region (the admin page's list)."""
    return f"REGION#{region_id}#STAFF"


def unit_staff_key(unit_id: str) -> str:
    return f"UNIT#{unit_id}#STAFF"


def office_staff_key(region_id: str) -> str:
    return f"REGION#{region_id}#STAFF#office"


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


def region_entries_key(region_id: str) -> str:
    return f"REGION#{region_id}#ENTRIES"


# Suggestions (functions/suggestions) ------------------------------------------

def suggestion_pk(suggestion_id: str) -> str:
    return f"SUGGESTION#{suggestion_id}"


SUGGESTION_NUMBER_SK = "NUMBER"
SUGGESTION_TALLY_SK = "TALLY"


def suggestion_party_sk(kind: str, party_id: str) -> str:
    """A deputy's or unit's place in a suggestion: `DEPUTY#did` or `UNIT#uid`."""
    return f"{kind.upper()}#{party_id}"


def suggestion_comment_sk(comment_id: str) -> str:
    return f"COMMENT#{comment_id}"


def suggestion_like_sk(deputy_id: str) -> str:
    return f"LIKE#{deputy_id}"


def suggestion_sequence_pk(region_id: str, year: int) -> str:
    """The registration counter of a region and year."""
    return f"SUGGESTION_SEQ#{region_id}#{year}"


def party_suggestions_key(kind: str, party_id: str) -> str:
    """Every suggestion a deputy leads, co-signs or is invited to / a unit handles."""
    return f"{kind.upper()}#{party_id}#SUGGESTIONS"


def office_suggestions_key(region_id: str) -> str:
    """Suggestions waiting on a region's office (review, extension requests)."""
    return f"QUEUE#OFFICE#{region_id}#SUGGESTIONS"


def public_suggestions_key(region_id: str, year: int | str) -> str:
    return f"PUBLIC#{region_id}#SUGGESTIONS#{year}"


def key_suggestions_key(region_id: str) -> str:
    """A region's suggestions marked for 重点督办 (the key board)."""
    return f"KEY#{region_id}#SUGGESTIONS"


def suggestion_parties_settled_pk(region_id: str) -> str:
    """The mark that a recount wrote every party item of the region with its status."""
    return f"SUGGESTION_PARTIES_SETTLED#{region_id}"


def region_suggestions_key(region_id: str) -> str:
    """Every suggestion of a region by creation time (the recount of its figures)."""
    return f"REGION#{region_id}#SUGGESTIONS"
