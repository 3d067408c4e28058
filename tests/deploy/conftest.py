"""The deploy artifacts, built once per run by the real tools with no AWS account.

`serverless package` and `zappa package` run as subprocesses with a scrubbed environment
(dummy credentials, a throwaway HOME), so nothing here can reach a real account.
"""
import json
import os
import subprocess
import sys
import time
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest

from infra import code_bundle, lambda_bundle, trim_botocore
from .fake_aws import FakeAwsProxy

ROOT = Path(__file__).resolve().parents[2]
EVENTS = ROOT / "tests" / "events"
STAGE = "prod"  # the stage both files name; packaging it offline deploys nothing
REGION = "cn-north-1"
API_DOMAIN = "api.mashangban.example.cn"
# Stand-ins for what SSM Parameter Store holds in a real deploy (see README, Deployment).
DEPLOYER_ENV = {
    "PUBLIC_BASE_URL": f"https://{API_DOMAIN}", "SECRET_KEY": "ci-secret-key",
    "WECHAT_APPID": "wx0123456789abcdef", "WECHAT_SECRET": "ci-wechat-secret",
    "WECHAT_PUSH_TOKEN": "ci-push-token", "WECHAT_TEMPLATES": '{"new_case": "tpl-1"}',
    "WECHAT_PUSH_AES_KEY": "A" * 43,
    "WECHAT_LONG_TERM_TEMPLATES": "tpl-1", "SMS_ACCESS_KEY_ID": "ci-sms-key",
    "SMS_ACCESS_KEY_SECRET": "ci-sms-secret", "SMS_SIGN_NAME": "码上办",
    "WECHAT_TEMPLATE_FIELDS": '{"tpl-1": {"thing1": "thing"}}', "SMS_CODE_TEMPLATE": "SMS_1",
    "SMS_DIGEST_TEMPLATE": "SMS_2", "SMS_DUTY_TEMPLATE": "SMS_3",
    "SMS_PROJECT_TEMPLATE": "SMS_4",
    "WECHAT_VERIFY_FILES": "{\"a1b2.txt\": \"c3d4\"}",
}


def scrubbed_env(home: Path, **extra) -> dict:
    return {"PATH": os.environ["PATH"], "HOME": str(home), "LANG": "C.UTF-8", **extra}


@dataclass
class ServerlessPackage:
    dir: Path
    template: dict
    aws_calls: list
    seconds: float
    code_zip: Path  # the functions' code: the service artifact the template deploys

    def resources(self, kind):
        return {k: v for k, v in self.template["Resources"].items() if v["Type"] == kind}


@dataclass
class ZappaPackage:
    zip_path: Path
    seconds: float


@pytest.fixture(scope="session")
def lambda_deps():
    """infra/.build/lambda: built by `make lambda-deps` (a no-op here when up to date), and
    our own code compiled beside it (infra/code_bundle.py, rebuilt every time)."""
    return Path(lambda_bundle.ensure())


@pytest.fixture(scope="session")
def serverless_package(lambda_deps, tmp_path_factory):
    work = tmp_path_factory.mktemp("serverless")
    fake = FakeAwsProxy(work, REGION).start()
    env = scrubbed_env(work, AWS_ACCESS_KEY_ID="AKIAIOSFODNN7EXAMPLE",
                       AWS_SECRET_ACCESS_KEY="ci-not-a-real-key", SLS_TELEMETRY_DISABLED="1",
                       SLS_NOTIFICATIONS_MODE="off", SLS_AWS_REQUEST_MAX_RETRIES="0",
                       **DEPLOYER_ENV, **fake.env())
    started = time.monotonic()
    proc = subprocess.run(
        [str(ROOT / "node_modules" / ".bin" / "serverless"), "package", "--stage", STAGE,
         "--region", REGION, "--package", str(work / "out"),
         f"--param=apiDomain={API_DOMAIN}",
         f"--param=apiCertificateArn=arn:aws-cn:acm:{REGION}:123456789012:certificate/ci"],
        cwd=ROOT, env=env, stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=300)
    fake.stop()
    assert proc.returncode == 0, proc.stdout + proc.stderr
    template = json.loads((work / "out" / "cloudformation-template-update-stack.json").read_text())
    return ServerlessPackage(work / "out", template, fake.calls, time.monotonic() - started,
                             _code_zip(template, work / "out"))


def _code_zip(template: dict, out: Path) -> Path:
    """The archive every function's code is uploaded from, as the template names it."""
    keys = {r["Properties"]["Code"]["S3Key"] for r in template["Resources"].values()
            if r["Type"] == "AWS::Lambda::Function" and "S3Key" in r["Properties"]["Code"]}
    names = {key.rsplit("/", 1)[-1] for key in keys}
    assert len(names) == 1, keys
    built = Path(code_bundle.FUNCTIONS_ZIP)
    return built if names == {built.name} else out / names.pop()


@pytest.fixture(scope="session")
def zappa_package(lambda_deps, tmp_path_factory):
    work = tmp_path_factory.mktemp("zappa")
    zappa = Path(sys.executable).parent / "zappa"
    env = scrubbed_env(work, VIRTUAL_ENV=str(lambda_deps / "python"))
    started = time.monotonic()
    proc = subprocess.run(  # from the compiled copy of our code, as README's deploy does
        [str(zappa), "package", STAGE, "-s", "zappa_settings.json",
         "-o", str(work / "api.zip")],
        cwd=code_bundle.APP_DIR, env=env, stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return ZappaPackage(work / "api.zip", time.monotonic() - started)


def modules_without_pyc(names) -> list[str]:
    """Our modules among these archive member names that have no .pyc beside them (zappa's
    empty `__init__.py` in each `__pycache__` folder is no module)."""
    compiled = set(code_bundle.compiled_modules(names))
    return sorted(n for n in names if n.split("/")[0] in code_bundle.PACKAGES
                  and n.endswith(".py") and "/__pycache__/" not in n and n not in compiled)


def unzip(archive: Path, into: Path) -> Path:
    with zipfile.ZipFile(archive) as z:
        z.extractall(into)
    return into


def run_handler(task_dir, opt_dir, handler, event_name, env) -> dict:
    """One invocation in a fresh interpreter that sees only the unpacked artifacts."""
    proc = subprocess.run(
        [sys.executable, "-I", "-S", str(Path(__file__).with_name("lambda_runtime.py")),
         str(task_dir), str(opt_dir), handler, str(EVENTS / event_name)],
        env=env, stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return json.loads(proc.stdout.strip().splitlines()[-1])


def lambda_env(store, function_name, **extra) -> dict:
    """What Lambda sets, plus the test table on the local store (unset in the cloud)."""
    return {"PATH": os.environ["PATH"], "LANG": "C.UTF-8", "TZ": ":UTC",
            "AWS_LAMBDA_FUNCTION_NAME": function_name, "AWS_REGION": REGION,
            "AWS_DEFAULT_REGION": REGION, "LAMBDA_TASK_ROOT": "/var/task",
            "STORE_ENDPOINT": store.store_endpoint, "TABLE_NAME": store.table_name,
            "SECRET_KEY": "test-secret", "PUBLIC_BASE_URL": f"https://{API_DOMAIN}", **extra}


def granted(role: dict, service: str) -> set:
    """Actions of `service` a CloudFormation IAM role allows, as 'service:Action'."""
    actions = set()
    for policy in role["Properties"]["Policies"]:
        for statement in policy["PolicyDocument"]["Statement"]:
            if statement["Effect"] != "Allow":
                continue
            listed = statement["Action"]
            for action in [listed] if isinstance(listed, str) else listed:
                if action.startswith(service + ":"):
                    actions.add(action)
    return actions


def assert_trimmed_from(botocore_dir: Path, data_dir: Path) -> None:
    """`data_dir` holds what trimming `botocore_dir`'s data gives (infra/trim_botocore.py)."""
    full = json.loads((botocore_dir / "data" / "endpoints.json").read_text("utf-8"))
    trimmed = json.loads((data_dir / "endpoints.json").read_text("utf-8"))
    assert trimmed == trim_botocore.trimmed_endpoints(full)
    assert (data_dir / "botocore-version").read_text().strip() == \
        trim_botocore.version_of(str(botocore_dir))
    for name in ("partitions.json", "dynamodb/2012-08-10/service-2.json.gz"):
        assert (data_dir / name).read_bytes() == (botocore_dir / "data" / name).read_bytes()
