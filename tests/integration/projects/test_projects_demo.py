"""The demo seed leaves a round in voting that the demo deputies can vote in."""
import pytest

from tests.integration.projects_cast import pcast  # noqa: F401

pytestmark = pytest.mark.integration


def test_the_demo_region_has_a_round_open_for_the_vote(pcast):
    rounds = pcast.office.ok("GET", "/api/v1/staff/project-rounds")["items"]
    assert [(r["state"], len(r["shortlist"]), r["eligible"]) for r in rounds] == \
        [("voting", 4, 3)]
    demo = rounds[0]
    ballot = pcast.vote(demo["id"], 0, demo["shortlist"][:2])
    assert ballot["chosen"] == 2
    assert pcast.anonymous.ok("GET", "/api/v1/public/projects?region_id=demo")["items"] == []
