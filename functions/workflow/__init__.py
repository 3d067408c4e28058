"""The generic workflow engine: a transition table, guards, deadlines and outbox entries.

A capability describes its record's life once as a `Machine` (cases in cases/moves.py,
suggestions next) and every change goes through `engine.apply`, so the status, the timeline
entry, the deadlines and the notifications owed can never disagree. Pure: no storage.
"""
