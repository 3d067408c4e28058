"""The Chinese words of the suggestion pages (代表建议) that do not sit in a template."""
from functions.suggestions.messages import SUGGESTION_LABELS  # noqa: F401 (the pages' words)

# Tabs of the office's review queue, in order.
OFFICE_TABS = ("submitted", "assigned", "in_progress")
DONE = "已{action}"
