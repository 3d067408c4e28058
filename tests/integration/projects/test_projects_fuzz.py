"""Fuzz the livelihood-project operations of /api/v1/openapi.json with schemathesis, each
with the token of the role it is meant for and the ids of real rounds and projects, so
generated bodies reach the rules: no 500s, and every answer is what the document says.
Ids inside bodies are for the store to judge: their 400s are not a finding."""
import os

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.specs.openapi.checks import positive_data_acceptance

from benchmarks.harness import bench_settings, seeded_table
from functions.storage.connection import configure
from miniprogram_api.openapi import openapi_document
from tests.case_fixtures import Caller
from tests.integration.projects_cast import ProjectCast

pytestmark = pytest.mark.integration

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "10"))
UNIT_PATHS = ("/progress", "/reply")


@pytest.fixture(scope="module")
def fuzz_state(store_port, tmp_path_factory):
    """The app on a seeded table with rounds in every state, and a token per role."""
    from miniprogram_api import create_app
    config = bench_settings(store_port, str(tmp_path_factory.mktemp("pfuzz")),
                            SECRET_KEY="test-secret")
    app = create_app(config)
    cast = ProjectCast(Caller(app.test_client()), seeded_table(config))
    running, _ = cast.round_in("in_progress")
    project = cast.projects(running)[0]["id"]
    cast.assign(project)
    comment = cast.deputy(0).ok("POST", f"/api/v1/projects/{project}/comments", 201,
                                headers=cast.key(), json={"content": "进度如何？"})["comment"]
    ids = {"round_id": {"ballot": cast.round_in("voting")[0],
                        "evaluation": cast.round_in("evaluating")[0],
                        "": cast.round_in("collecting")[0]},
           "project_id": project, "comment_id": comment["id"]}
    tokens = {"office": cast.office.token, "unit": cast.unit.token,
              "deputy": cast.deputy(0).token}
    yield app, tokens, ids, config
    configure(config)


_SERVED: dict = {}
schema = schemathesis.openapi.from_dict(openapi_document(), config=schemathesis.Config.from_dict(
    {"generation": {"allow-extra-parameters": False}})).include(path_regex="project")
schema.app = lambda environ, start_response: _SERVED["app"](environ, start_response)


def caller_of(path: str) -> str:
    if path.endswith(UNIT_PATHS):
        return "unit"
    return "office" if path.startswith("/api/v1/staff/") else "deputy"


@schema.parametrize()
@settings(max_examples=EXAMPLES, deadline=None, derandomize=True,
          suppress_health_check=list(HealthCheck))
def test_project_operations_answer_as_documented(case, fuzz_state):
    app, tokens, ids, config = fuzz_state
    configure(config)
    _SERVED["app"] = app
    params = dict(case.path_parameters or {})
    if "round_id" in params:
        rounds = ids["round_id"]
        params["round_id"] = next((rounds[k] for k in rounds if k and case.path.endswith(k)),
                                  rounds[""])
    for name in ("project_id", "comment_id"):
        if name in params:
            params[name] = ids[name]
    case.path_parameters = params
    headers = {"Authorization": f"Bearer {tokens[caller_of(case.path)]}"}
    case.call_and_validate(headers=headers, excluded_checks=[positive_data_acceptance])
