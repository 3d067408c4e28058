"""Deputy suggestions (代表建议): drafting with co-signers, the office's review and
registration numbers, unit handling with contact and opinions, the deputy's evaluation.

Its life is one `workflow.Machine` (machine.py); its items are in items.py.
"""
