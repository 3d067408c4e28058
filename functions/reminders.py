"""`python -m functions.reminders [--now ISO8601]`: the reminder sweep, by the name the API
contract and README give it; the real module (and the deployed handler) is functions.cases.sweep."""
import sys

from functions.cases.sweep import handler, run  # noqa: F401  (one function, either name runs it)
from functions.shared.scheduled import main

if __name__ == "__main__":
    sys.exit(main(run))
