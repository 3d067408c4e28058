"""Figures: counters, the nightly recount, dashboard, rollups, word stats, deputy ranking,
overdue board."""
