"""What the load benchmark asks of the store before and after the load, as scripts run
inside the served tree (benchmarks/make_run.py `in_tree`): a past revision is read with its
own code. Each reads json from argv[1] and writes its answer to argv[2].
"""

_PRELUDE = """import json, sys, time
from functions.shared.config import settings
from functions.storage.connection import configure
configure(settings())
given = json.load(open(sys.argv[1]))
from functions.shared import clock
from functions.storage import indexes, keys
try:  # this tree's place for it; a past revision (before-app) has it in low_level
    from functions.storage.index_keys import keys_due
except ImportError:
    from functions.storage.low_level import keys_due
from functions.storage.models import CaseItem
try:  # this tree's place for it; a past revision (before-app) has it in models
    from functions.storage.notification_models import NotificationItem
except ImportError:
    from functions.storage.models import NotificationItem


def logged():
    region = keys.region_notifications_key("demo")
    return indexes.notification_log.index(NotificationItem).count(region)


def pending():
    # Every case on the outbox index, due now or later: an entry its deliverer left under
    # the creating write's lease (a minute) or a claim's is due only when that runs out, and
    # is as unsent as one due now.
    upto = "~"
    return sum(1 for shard in range(keys.SWEEP_SHARDS)
               for pk in keys_due(indexes.outbox, keys.outbox_key(shard), upto)
               if pk.startswith("CASE#"))
"""

# The table and the demo region, as `make run` makes them (for a set-up served without it).
SEED = _PRELUDE + """
from functions.storage.connection import ensure_table
from infra import seed
ensure_table()
seed.seed_demo()
json.dump({}, open(sys.argv[2], "w"))
"""

# `deputies` new deputies in the demo region: their entry and one-time bind codes.
REGISTER = _PRELUDE + """
from functions.deputies import register_deputy
made = [register_deputy(name=f"代表{n:03d}", phone=f"139{n:08d}", region_id="demo",
                        level="county") for n in range(given["deputies"])]
json.dump({"deputies": [{"bind_code": m["bind_code"], "entry_code": m["entry_code"]}
                        for m in made], "notifications_logged": logged()},
          open(sys.argv[2], "w"))
"""

# After the load: the simulated citizens' stored cases against what was acknowledged, and
# the notifications logged once every case outbox was delivered (waiting up to `wait` s).
TALLY = _PRELUDE + """
first_pending = pending()
waited = time.time() - given["load_ended"]
left = first_pending
while left and waited < given["wait"]:
    time.sleep(0.5)
    left = pending()
    waited = time.time() - given["load_ended"]
stored = [item for owner in given["owners"]
          for item in indexes.by_owner.query(CaseItem, keys.owner_cases_key(owner))]
contents = [item.content for item in stored]
acknowledged = set(given["acknowledged"])
json.dump({"cases": {"acknowledged": len(acknowledged), "stored": len(stored),
                     "duplicates": len(contents) - len(set(contents)),
                     "acknowledged_missing": len(acknowledged - {i.case_id for i in stored})},
           "outboxes": {"pending_after_load": first_pending, "pending_at_end": left,
                        "all_sent_after_s": None if left else round(waited, 1)},
           "notifications_logged": logged()}, open(sys.argv[2], "w"))
"""
