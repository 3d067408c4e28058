"""A link item puts a case in a queue partition other than its own (a co-unit's queue, the
office's for a waiting extension request). Each link carries the case version it reflects
and is only ever replaced or removed by a newer one, so late or repeated after-writes
cannot bring back an old state."""
from pynamodb.exceptions import DeleteError, PutError

from functions.storage.conditions import is_condition_failure


def place(link) -> None:
    """Write `link` unless a link from a newer case version is already there."""
    model = type(link)
    try:
        link.save(condition=model.pk.does_not_exist()
                  | (model.case_version < link.case_version))
    except PutError as exc:
        if not is_condition_failure(exc):
            raise  # a newer write already placed it: nothing to do otherwise


def remove(link, case_version: int) -> None:
    """Delete `link` if it reflects a case version older than `case_version`."""
    try:
        link.delete(condition=type(link).case_version < case_version)
    except DeleteError as exc:
        if not is_condition_failure(exc):
            raise  # gone already, or a newer write placed it again
