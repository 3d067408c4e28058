"""The scheduled sweep of livelihood-project notices (every 15 minutes): reminders a day
before a planned close and on the first working day of a month, then every notice with
something left to send. `python -m functions.projects.notice_sweep [--now ISO]`."""
import sys
from datetime import datetime, timedelta

from functions.shared.clock import iso
from functions.shared.working_days import SHANGHAI, is_working_day
from functions.shared.scheduled import lambda_handler, main
from functions.storage import indexes
from . import keys
from .models import ProjectItem, ProjectNoticeItem, ProjectRoundItem
from .notices import deliver, owe, project_subject, round_subject


def _closing_soon(now: datetime) -> int:
    """A day before a planned close: remind the deputies (once per round, state, pass)."""
    owed = 0
    closing = indexes.rounds_closing
    for round_item in closing.query(
            ProjectRoundItem, keys.ROUNDS_CLOSING,
            closing.sort_key(ProjectRoundItem) <= f"{iso(now + timedelta(days=1))}#~"):
        if round_item.state not in ("voting", "evaluating"):
            continue
        event = "project_vote_closing" if round_item.state == "voting" \
            else "project_evaluation_closing"
        owed += owe(event=event, region_id=round_item.region_id, now=now,
                    audience={"deputies": round_item.region_id},
                    subject=round_subject(round_item),
                    once=f"{round_item.round_id}#{round_item.state}#"
                         f"{round_item.evaluation_pass}")
    return owed


def _progress_due(now: datetime) -> int:
    """On the first working day of a month, each lead unit is asked for its report."""
    today = now.astimezone(SHANGHAI).date()
    first = today.replace(day=1)
    while not is_working_day(first):
        first += timedelta(days=1)
    if today != first:
        return 0
    owed = 0
    for project in indexes.projects_under_way.query(ProjectItem, keys.PROJECTS_UNDER_WAY):
        owed += owe(event="project_progress_due", region_id=project.region_id, now=now,
                    audience={"unit": project.unit_id}, subject=project_subject(project),
                    once=f"{project.project_id}#{today:%Y-%m}")
    return owed


def run(*, now: datetime, budget=None) -> dict:
    """Owe the reminders due by now, then deliver every notice with something left,
    while `budget` (Lambda's time left, if known) allows claiming more."""
    result = {"closing": _closing_soon(now), "progress_due": _progress_due(now),
              "delivered": 0}
    due = indexes.project_notices_due.query(
        ProjectNoticeItem, keys.NOTICES_DUE,
        indexes.project_notices_due.sort_key(ProjectNoticeItem) <= f"{iso(now)}#~")
    for notice in due:
        if budget is not None and not budget.can_claim():
            return {**result, **budget.report()}  # the rest stays due for the next run
        result["delivered"] += deliver(notice.notice_id, now, budget)
    return {**result, **budget.report()} if budget is not None else result


# A recipient may take a WeChat send and then an SMS (3+5 s and 2+5 s) and the writes.
handler = lambda_handler(run, reserve=18.0)

if __name__ == "__main__":
    sys.exit(main(run))
