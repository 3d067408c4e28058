"""`zappa package`, offline: the Flask app's Lambda archive, and API Gateway events through it."""
import base64
import json
import zipfile

import pytest

from .conftest import (REGION, STAGE, ROOT, assert_trimmed_from, granted, lambda_env,
                       modules_without_pyc, run_handler, unzip)

MiB = 1024 * 1024
# Lambda's quota for code deployed from S3, as zappa always does (through "s3_bucket"):
# 250 MB unzipped. (The 50 MB zipped quota is for direct uploads only.)
UNZIPPED_LIMIT = 250 * 1000 * 1000


def _settings():
    settings = json.loads((ROOT / "infra" / "zappa_settings.json").read_text())
    return {stage: {**settings.get(conf.get("extends"), {}), **conf}
            for stage, conf in settings.items()}


@pytest.fixture(scope="module")
def task_dir(zappa_package, tmp_path_factory):
    return unzip(zappa_package.zip_path, tmp_path_factory.mktemp("api-task"))


def test_archive_holds_the_app_and_fits_lambda(zappa_package):
    with zipfile.ZipFile(zappa_package.zip_path) as archive:
        names = set(archive.namelist())
        unzipped = sum(i.file_size for i in archive.infolist())
    zipped = zappa_package.zip_path.stat().st_size
    print(f"\nzappa package {STAGE}: {zipped / MiB:.1f} MiB zipped, {unzipped / 1e6:.1f} MB "
          f"unzipped, built in {zappa_package.seconds:.0f} s")
    assert {"handler.py", "zappa_settings.py", "miniprogram_api/lambda_entry.py",
            "functions/shared/config.py", "flask/__init__.py", "pynamodb/__init__.py",
            "zappa/handler.py"} <= names
    assert any(n.startswith("templates/") for n in names)
    assert not [n for n in names if n.split("/")[0] in
                {"tests", "node_modules", ".venv", "infra", ".git", "benchmarks", "pytest"}]
    assert unzipped < UNZIPPED_LIMIT
    assert modules_without_pyc(names) == []  # our code compiled (infra/code_bundle.py)


def test_each_stage_uses_the_role_table_and_function_name_serverless_yml_creates():
    assert set(_settings()) == {"dev", "prod"}
    for stage, conf in _settings().items():
        assert conf["app_function"] == "miniprogram_api.lambda_entry.app"
        assert f"{conf['project_name']}-{stage}" == f"mashangban-api-{stage}"  # apiFunctionName
        assert conf["role_name"] == f"mashangban-{stage}-api"  # ApiFunctionRole
        assert conf["aws_environment_variables"]["TABLE_NAME"] == f"mashangban-{stage}"
        assert conf["runtime"] == "python3.11" and conf["aws_region"] == REGION
        # The API Gateway is serverless.yml's (zappa's would carry `arn:aws:` into China).
        assert conf["apigateway_enabled"] is False and conf["manage_roles"] is False
        assert conf["debug"] is False  # no tracebacks to callers
        assert conf["use_precompiled_packages"] is False and conf["slim_handler"] is False


def test_rest_proxy_event_reaches_the_health_check_through_zappas_handler(
        task_dir, store, serverless_package):
    out = run_handler(task_dir, task_dir / "no-layers", "handler.lambda_handler",
                      "apigw-rest-get-health.json", lambda_env(store, f"mashangban-api-{STAGE}"))
    response = out["result"]
    assert response["statusCode"] == 200
    assert response["headers"]["Content-Type"] == "application/json"
    body = json.loads(response["body"])
    assert (body["status"], body["store"]) == ("ok", "up")
    assert isinstance(body["calendar"]["covered"], bool)  # the next 90 days, said plainly
    assert out["loaded_from"]["flask"].startswith(str(task_dir))
    allowed = granted(serverless_package.template["Resources"]["ApiFunctionRole"], "dynamodb")
    assert set(out["operations"]) <= allowed
    assert out["imported"] == []  # WeChat and SMS clients wait until a request needs them
    # Our modules ran from the packaged unchecked-hash bytecode, none compiled at start.
    assert out["bytecode"]["other"] == [] and out["bytecode"]["unchecked_hash"] > 20, out
    # The store client loaded the packaged trimmed data alone (functions/storage/botocore_data.py).
    assert out["store_data"] == [[str(task_dir / "functions" / "storage" / "botocore-data")]]


def test_the_store_data_is_trimmed_from_the_botocore_in_the_archive(task_dir):
    assert_trimmed_from(task_dir / "botocore", task_dir / "functions" / "storage" / "botocore-data")


def test_base64_json_body_through_the_custom_domain_reaches_the_app(task_dir, store,
                                                                     serverless_package):
    out = run_handler(task_dir, task_dir / "no-layers", "handler.lambda_handler",
                      "apigw-rest-post-json-custom-domain.json",
                      lambda_env(store, f"mashangban-api-{STAGE}"))
    response = out["result"]
    body = response["body"]
    if response.get("isBase64Encoded"):
        body = base64.b64decode(body)
    assert response["statusCode"] == 200, body
    assert json.loads(body)["token"]
    allowed = granted(serverless_package.template["Resources"]["ApiFunctionRole"], "dynamodb")
    assert set(out["operations"]) <= allowed
