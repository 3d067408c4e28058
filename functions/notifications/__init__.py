"""Notifications: the outbox drain, recipients, dispatch, SMS digests, subscription credits,
push events, the log."""
