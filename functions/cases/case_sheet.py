"""The printable 办理单 of one case for the paper file: the facts, each stage's deadline and
whether it was met, the timeline, the answer and the rating. Whoever may read the case may
print it; the citizen's phone and place only the office."""
from datetime import datetime

from functions.cases import repository as case_repository
from functions.cases.stage_times import answer_of, closed_at, stages
from functions.cases.views import case_view
from functions.identity.access import require_read, require_staff
from functions.org import calendar as official_calendar


def case_sheet(*, case_id: str, actor: dict, now: datetime) -> dict:
    actor = require_staff(actor)
    case = case_repository.get(case_id)
    roles = require_read(case, actor)
    view = case_view(case, roles=roles, now=now)
    personal = "office" in roles
    if not personal:
        view["contact_phone"], view["location"] = None, None
    entered = official_calendar.in_force(case["region_id"])
    return {"case": view, "stages": stages(case, now=now, entered=entered),
            "answer": answer_of(case), "closed_at": closed_at(case), "personal": personal,
            "printed_at": now}
