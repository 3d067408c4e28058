"""`python -m functions.notify [--now ISO8601]`: the notification drain, by the name the API
contract and README give it; the real module (and the deployed handler) is functions.notifications.drain."""
import sys

from functions.notifications.drain import handler, run  # noqa: F401  (one function, either name runs it)
from functions.shared.scheduled import main

if __name__ == "__main__":
    sys.exit(main(run))
