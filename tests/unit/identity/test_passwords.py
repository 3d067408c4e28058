"""Passwords are argon2id at argon2-cffi's recommended cost unless tests ask for speed."""
from functions.shared import config
from functions.identity import passwords


def test_production_hashes_use_the_recommended_argon2id_cost():
    previous = config.settings()
    config.use(config.load_settings({}))
    try:
        stored = passwords.hash_password("demo12345")
        assert stored.startswith("$argon2id$") and "m=65536,t=3,p=4" in stored
        assert passwords.verify_password(stored, "demo12345")
        assert not passwords.verify_password(stored, "demo12346")
    finally:
        config.use(previous)


def test_a_cheap_test_hash_still_verifies_under_the_production_hasher():
    previous = config.settings()
    config.use(config.load_settings({"PASSWORD_HASH_COST": "fast"}))
    try:
        cheap = passwords.hash_password("demo12345")
        config.use(config.load_settings({}))
        assert passwords.verify_password(cheap, "demo12345")
    finally:
        config.use(previous)
