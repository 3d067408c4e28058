"""The suggestion capability's items (BaseItem subclasses need no registering)."""
from pynamodb.attributes import NumberAttribute, UnicodeAttribute, VersionAttribute

from functions.storage.models import BaseItem
from functions.storage.plain_attributes import PlainListAttribute, PlainMapAttribute


class SuggestionItem(BaseItem, discriminator="suggestion"):
    """One suggestion, written whole under its version (timeline and outbox inside)."""
    suggestion_id = UnicodeAttribute()
    status = UnicodeAttribute()
    record = PlainMapAttribute()  # every plain field of the suggestion (see repository.py)
    version = VersionAttribute()


class SuggestionPartyItem(BaseItem, discriminator="suggestion_party"):
    """A deputy (lead or invited) or a unit that has a suggestion in its list, with the
    status and version of the suggestion it reflects (parties.py)."""
    suggestion_id = UnicodeAttribute()
    created_at = UnicodeAttribute()
    status = UnicodeAttribute(null=True)  # null: written by older code, before the recount
    suggestion_version = NumberAttribute(null=True)


class SuggestionSequenceItem(BaseItem, discriminator="suggestion_sequence"):
    """The last registration sequence handed out in a region and year (atomic ADD)."""
    last = NumberAttribute(default=0)


class SuggestionNumberItem(BaseItem, discriminator="suggestion_number"):
    """The number a suggestion claimed: first the claim (attribute_not_exists), then the
    number, set once, so a retry or a double click reuses it instead of taking another."""
    claimed_at = UnicodeAttribute()
    number = UnicodeAttribute(null=True)
    year = NumberAttribute(null=True)
    seq = NumberAttribute(null=True)


class SuggestionCommentItem(BaseItem, discriminator="suggestion_comment"):
    """A deputy's comment on an answered suggestion (public, without phone numbers)."""
    comment_id = UnicodeAttribute()
    deputy_id = UnicodeAttribute()
    deputy_name = UnicodeAttribute(null=True)
    content = UnicodeAttribute()
    created_at = UnicodeAttribute()


class SuggestionLikeItem(BaseItem, discriminator="suggestion_like"):
    """One deputy's like, at most one per suggestion (attribute_not_exists)."""
    deputy_id = UnicodeAttribute()
    created_at = UnicodeAttribute()


class SuggestionTallyItem(BaseItem, discriminator="suggestion_tally"):
    """Likes of one suggestion, counted with ADD beside the like items."""
    likes = NumberAttribute(default=0)


class SuggestionPartiesSettledItem(BaseItem, discriminator="suggestion_parties_settled"):
    """A region whose party items a recount has all written with their status (recount.py)."""
    at = UnicodeAttribute()
