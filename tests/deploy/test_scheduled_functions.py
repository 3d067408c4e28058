"""Every handler serverless.yml names, run from the packaged artifacts on a recorded event."""
import os
import zipfile
from pathlib import Path

import pytest

from infra import code_bundle
from .conftest import (assert_trimmed_from, granted, lambda_env, modules_without_pyc,
                       run_handler, unzip)

# Handler module → its recorded event.
EVENTS = {"functions.cases.sweep": "eventbridge-schedule-reminders.json",
          "functions.notifications.drain": "eventbridge-schedule-notify.json",
          "functions.reporting.recount": "eventbridge-schedule-reconcile.json",
          "functions.projects.notice_sweep": "eventbridge-schedule-project-notices.json"}


@pytest.fixture(scope="module")
def unpacked(serverless_package, tmp_path_factory):
    """/var/task from the service artifact, /opt from the dependency layer."""
    task = unzip(serverless_package.code_zip, tmp_path_factory.mktemp("task"))
    opt = unzip(serverless_package.dir / "pythonDeps.zip", tmp_path_factory.mktemp("opt"))
    return task, opt


def _functions(serverless_package):
    for function in serverless_package.resources("AWS::Lambda::Function").values():
        props = function["Properties"]
        path, attr = props["Handler"].rsplit(".", 1)
        yield props["FunctionName"], path.replace("/", ".") + "." + attr


def test_every_function_in_the_template_has_a_recorded_event(serverless_package):
    names = {handler.rsplit(".", 1)[0] for _, handler in _functions(serverless_package)}
    assert names == set(EVENTS)


def test_every_handler_is_importable_and_callable_from_the_package_alone(
        serverless_package, unpacked, store):
    task, opt = unpacked
    allowed = granted(serverless_package.template["Resources"]["IamRoleLambdaExecution"],
                      "dynamodb")
    for function_name, handler in _functions(serverless_package):
        # WeChat and SMS unset: dev mode, so nothing could leave this machine.
        out = run_handler(task, opt, handler, EVENTS[handler.rsplit(".", 1)[0]],
                          lambda_env(store, function_name))
        assert isinstance(out["result"], dict), (handler, out)
        assert out["loaded_from"][handler.rsplit(".", 1)[0]].startswith(str(task))
        assert out["loaded_from"]["pynamodb"].startswith(str(opt))
        assert set(out["operations"]) <= allowed, (handler, out["operations"])
        # Our modules ran from the packaged unchecked-hash bytecode, none compiled at start.
        assert out["bytecode"]["other"] == [] and out["bytecode"]["unchecked_hash"] > 5, out
        # Its store client loaded the trimmed data alone (functions/storage/botocore_data.py).
        assert out["store_data"] == [[str(task / "functions" / "storage" / "botocore-data")]]


def test_the_store_data_is_trimmed_from_the_botocore_in_the_layer(unpacked):
    task, opt = unpacked
    assert_trimmed_from(opt / "python" / "lib" / "python3.11" / "site-packages" / "botocore",
                        task / "functions" / "storage" / "botocore-data")


def test_the_function_code_is_the_compiled_artifact_with_a_pyc_for_every_module(
        serverless_package):
    assert serverless_package.code_zip == Path(code_bundle.FUNCTIONS_ZIP)
    with zipfile.ZipFile(serverless_package.code_zip) as archive:
        names = archive.namelist()
    assert "functions/cases/sweep.py" in names and not [
        n for n in names if not n.startswith("functions/")]
    assert modules_without_pyc(names) == []


def test_function_and_layer_fit_lambdas_unzipped_quota(unpacked):
    size = sum(os.path.getsize(os.path.join(d, n))
               for root in unpacked for d, _, names in os.walk(root) for n in names)
    print(f"\nscheduled function + dependency layer: {size / 1e6:.1f} MB unzipped")
    assert size < 250 * 1000 * 1000


def test_the_notify_handler_takes_a_recorded_stream_batch_from_the_package_alone(
        serverless_package, unpacked, store):
    task, opt = unpacked
    allowed = granted(serverless_package.template["Resources"]["IamRoleLambdaExecution"],
                      "dynamodb")
    (function_name, handler), = [(name, h) for name, h in _functions(serverless_package)
                                 if h.startswith("functions.notifications.drain.")]
    out = run_handler(task, opt, handler, "dynamodb-stream-batch.json",
                      lambda_env(store, function_name))
    # The cases the images name are not in this empty table: nobody to notify, no failure.
    assert out["result"]["records"] == 4 and out["result"]["failed"] == 0, out
    assert set(out["operations"]) <= allowed, out["operations"]
