"""Bad input to every project call is a clear 4xx in the error format, never a 500."""
import pytest

from tests.case_fixtures import outcome
from tests.integration.projects_cast import pcast  # noqa: F401

pytestmark = pytest.mark.integration

BODIES = ([1, 2], "text", {"choices": "abc"}, {"choices": [None]}, {"ratings": [1]},
          {"ratings": {"x" * 300: "satisfied"}}, {"month": 202705, "percent": "50"},
          {"candidate_ids": {"a": 1}}, {"unit_id": ["u"], "supervisors": "x"},
          {"content": 42}, {"title": None, "description": ["x"]},
          {"year": 1e309, "title": "t", "max_choices": 2})


def test_no_garbage_gets_a_server_error(pcast):
    voting, _ = pcast.round_in("voting")
    running, _ = pcast.round_in("in_progress")
    project = pcast.projects(running)[0]["id"]
    pcast.assign(project)
    calls = [
        (pcast.office, "/api/v1/staff/project-rounds"),
        (pcast.office, f"/api/v1/staff/project-rounds/{voting}/shortlist"),
        (pcast.deputy(0), f"/api/v1/project-rounds/{voting}/ballot"),
        (pcast.deputy(0), f"/api/v1/project-rounds/{voting}/candidates"),
        (pcast.deputy(0), f"/api/v1/project-rounds/{running}/evaluation"),
        (pcast.office, f"/api/v1/staff/projects/{project}/assign"),
        (pcast.unit, f"/api/v1/projects/{project}/progress"),
        (pcast.deputy(0), f"/api/v1/projects/{project}/comments"),
        (pcast.unit, f"/api/v1/projects/{project}/comments/{'x' * 500}/reply"),
    ]
    wrong = {}
    for caller, path in calls:
        for body in BODIES:
            response = caller.post(path, json=body, headers=pcast.key())
            status, code = outcome(response)
            if not 400 <= status < 500 or not code:
                wrong[(path, str(body)[:40])] = (status, code)
        status, code = outcome(caller.post(path, data=b"{not json",
                                           content_type="application/json",
                                           headers=pcast.key()))
        if status != 400:
            wrong[(path, "broken json")] = (status, code)
    for path in (f"/api/v1/project-rounds/{'r' * 3000}", f"/api/v1/projects/{'p' * 3000}",
                 "/api/v1/public/projects?region_id=demo&year=20x7",
                 "/api/v1/public/projects?region_id=demo&limit=0"):
        status, code = outcome(pcast.office.get(path))
        if status not in (400, 404):
            wrong[(path[:40], "get")] = (status, code)
    assert wrong == {}
