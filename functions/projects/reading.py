"""Reading rounds and projects: what each caller may see of them."""
from functions.identity.access import require_staff
from functions.shared.errors import Forbidden, Unauthorized
from functions.storage import indexes
from . import keys, people, repository, tallies
from .notice_fields import templates_to_ask
from .models import BallotItem, EvaluationItem, ProjectItem
from .views import candidate_view, comment_view, project_view, round_view, turnout_view


def detail(*, actor: dict | None, round_id: str) -> dict:
    """The round, its candidates (votes once voting closed) and its projects."""
    round_item = repository.get_round(round_id)
    if not people.may_read_round(actor, round_item):
        if not actor:
            raise Unauthorized("log in to see a round before its vote closes")
        raise Forbidden("only the region's deputies and staff see a round before its vote")
    result = {"round": round_view(round_item),
              "candidates": [candidate_view(c, round_item)
                             for c in _in_order(repository.candidates(round_id),
                                                list(round_item.shortlist or []))],
              "projects": [project_view(p) for p in repository.projects_of_round(round_id)]}
    if actor and actor.get("kind") == "staff" and actor.get("role") in ("office", "admin") \
            and actor.get("region_id") == round_item.region_id and round_item.eligible:
        result["turnout"] = turnout_view(round_item,
                                         tallies.numbers(keys.tally_pk(round_id)))
    if actor and actor.get("kind") == "user" and actor.get("deputy_id"):
        result["mine"] = _own_part(round_item, actor["deputy_id"])
    return result


def _own_part(round_item, deputy_id: str) -> dict:
    """What the calling deputy needs to see of their own part: whether they voted (never
    what for: nobody, them included, reads a ballot back) and their current ratings."""
    pk = keys.round_pk(round_item.round_id)
    ballot = repository.find(BallotItem, pk, keys.ballot_sk(deputy_id))
    roll = round_item.electorate
    mine = {"voted": ballot is not None, "voted_at": ballot.cast_at if ballot else None,
            "on_roll": roll is None or deputy_id in roll,
            "subscribe": templates_to_ask(round_item)}
    if round_item.evaluation_pass:
        rated = repository.find(EvaluationItem, pk, keys.evaluation_sk(
            int(round_item.evaluation_pass), deputy_id))
        mine["ratings"] = dict(rated.ratings) if rated else {}
    return mine


def _in_order(candidates, shortlist: list[str]):
    """The shortlist in the office's order, then the other candidates as proposed."""
    return sorted(candidates, key=lambda c: (
        shortlist.index(c.candidate_id) if c.candidate_id in shortlist else len(shortlist),
        c.created_at))


def region_rounds(*, actor: dict) -> dict:
    """The staff member's region's rounds, newest year first."""
    staff = require_staff(actor)
    return {"items": [round_view(r) for r in repository.rounds_of_region(staff["region_id"])],
            "next_cursor": None}


def project_page(*, project_id: str, project: ProjectItem | None = None) -> dict:
    """A project as anyone sees it: progress, supervisors, comments with replies
    (`project`: the item if the caller has read it already)."""
    project = project or repository.get_project(project_id)
    return {"project": project_view(project),
            "comments": [comment_view(c) for c in repository.comments(project_id)]}



def unit_projects(*, actor: dict) -> list[dict]:
    """The projects a unit leads, newest year first (one Query of the region's projects)."""
    unit = require_staff(actor, "unit")
    projects = indexes.region_projects.query(
        ProjectItem, keys.region_projects_key(unit["region_id"]), scan_index_forward=False)
    return [project_view(p) for p in projects if p.unit_id == unit.get("unit_id")]


def staff_project_page(*, actor: dict, project_id: str) -> dict:
    """A project with its comments for the region's staff; `lead` when the caller leads it."""
    project = repository.get_project(project_id)
    staff = people.region_staff(actor, project.region_id)
    page = project_page(project_id=project_id, project=project)
    page["round"] = round_view(repository.get_round(project.round_id))
    page["lead"] = staff["role"] == "unit" and staff.get("unit_id") == project.unit_id
    return page
