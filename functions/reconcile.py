"""`python -m functions.reconcile [--now ISO8601]`: the nightly recount, by the name the API
contract and README give it; the real module (and the deployed handler) is functions.reporting.recount."""
import sys

from functions.reporting.recount import handler, run  # noqa: F401  (one function, either name runs it)
from functions.shared.scheduled import main

if __name__ == "__main__":
    sys.exit(main(run))
