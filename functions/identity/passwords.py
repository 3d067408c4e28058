"""Staff password hashing with argon2id.

Production uses argon2-cffi's recommended parameters. Tests may set PASSWORD_HASH_COST
to `fast` (argon2's own CHEAPEST profile, still argon2id): a suite that logs staff in
hundreds of times must not spend minutes hashing. Verification reads the parameters
from the hash itself, so either kind of hash verifies everywhere.
"""
from functions.shared.config import settings

# argon2 is imported by the first hash or check (~10 ms): most cold starts of the API serve
# citizens and deputies, who have no password (tests/deploy/test_cold_start.py).
_hashers: dict = {}  # cost → argon2.PasswordHasher


def _hasher():
    from argon2 import PasswordHasher, profiles
    cost = settings().password_hash_cost
    if cost not in _hashers:
        _hashers[cost] = PasswordHasher.from_parameters(profiles.CHEAPEST) \
            if cost == "fast" else PasswordHasher()
    return _hashers[cost]


def hash_password(password: str) -> str:
    return _hasher().hash(password)


def verify_password(password_hash: str, password: str) -> bool:
    hasher = _hasher()
    from argon2.exceptions import InvalidHashError, VerificationError
    try:
        return hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


_dummy_hashes: dict[str, str] = {}


def dummy_verify(password: str) -> None:
    """Spend the time of a real check when there is no account: no timing tells."""
    cost = settings().password_hash_cost
    if cost not in _dummy_hashes:
        _dummy_hashes[cost] = _hasher().hash("not-a-password-of-anyone")
    verify_password(_dummy_hashes[cost], password or "")
