"""Keys of the suggestion items (functions/suggestions): their table keys and the index
partitions their lists are read from."""


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
