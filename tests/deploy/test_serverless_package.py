"""`serverless package`, offline: the CloudFormation it generates is the deploy we mean."""
import json
import re

from functions.storage.connection import index_definitions
from functions.storage.models import BaseItem
from pynamodb.attributes import TTLAttribute

from .conftest import DEPLOYER_ENV, ROOT, STAGE

SCHEDULES = {
    "functions/cases/sweep.handler": "rate(15 minutes)",
    "functions/notifications/drain.handler": "rate(1 minute)",
    "functions/reporting/recount.handler": "cron(0 19 * * ? *)",  # 03:00 Asia/Shanghai
    "functions/projects/notice_sweep.handler": "rate(15 minutes)",
}
# Read by config.py but never set in Lambda: local endpoints and fakes, or set by Lambda itself.
NOT_DEPLOYED = {"STORE_ENDPOINT", "STORE_PORT", "PORT", "DATA_DIR", "UPLOAD_DIR", "S3_ENDPOINT",
                "WECHAT_API_BASE", "SMS_ENDPOINT", "AWS_LAMBDA_FUNCTION_NAME", "AWS_REGION",
                "TOKEN_TTL_HOURS", "MAX_UPLOAD_BYTES",  # these two: defaults hold in the cloud
                "CASES_PER_HOUR", "CASES_PER_DAY",  # the defaults hold; benchmarks raise them
                "PASSWORD_HASH_COST",
                "TRUSTED_PROXIES",  # API Gateway gives Lambda the caller's address itself
                "DELIVERY_SIGNAL_PORT"}  # make run's local worker only  # tests only: production keeps argon2's standard cost
SECRETS = {"SECRET_KEY", "WECHAT_SECRET", "WECHAT_PUSH_TOKEN", "WECHAT_PUSH_AES_KEY",
           "SMS_ACCESS_KEY_ID", "SMS_ACCESS_KEY_SECRET"}


def _table(pkg):
    (table,) = pkg.resources("AWS::DynamoDB::Table").values()
    return table


def _keys(key_schema):
    keys = {k["KeyType"]: k["AttributeName"] for k in key_schema}
    return keys["HASH"], keys.get("RANGE")


def test_packaging_asks_aws_nothing_but_whether_the_stack_exists(serverless_package):
    assert [(action, params["StackName"]) for _, action, params in serverless_package.aws_calls] \
        == [("DescribeStacks", f"mashangban-{STAGE}")]


def test_table_keys_and_indexes_are_the_pynamodb_models(serverless_package):
    props = _table(serverless_package)["Properties"]
    schema = BaseItem._get_schema()
    assert _keys(props["KeySchema"]) == _keys(schema["key_schema"])
    declared = {i["IndexName"]: _keys(i["KeySchema"]) for i in props["GlobalSecondaryIndexes"]}
    assert declared == index_definitions()
    projections = {i["IndexName"]: i["Projection"]["ProjectionType"]
                   for i in props["GlobalSecondaryIndexes"]}
    assert projections == {i["index_name"]: i["projection"]["ProjectionType"]
                           for i in schema["global_secondary_indexes"]}
    assert sorted(props["AttributeDefinitions"], key=lambda a: a["AttributeName"]) == \
        sorted(schema["attribute_definitions"], key=lambda a: a["AttributeName"])
    assert props["BillingMode"] == "PAY_PER_REQUEST"


def test_table_expires_items_by_the_models_ttl_attribute_and_keeps_backups(serverless_package):
    table = _table(serverless_package)
    ttl_names = {a.attr_name for a in BaseItem.get_attributes().values()
                 if isinstance(a, TTLAttribute)}
    spec = table["Properties"]["TimeToLiveSpecification"]
    assert spec["Enabled"] is True and {spec["AttributeName"]} == ttl_names
    assert table["Properties"]["PointInTimeRecoverySpecification"] == {
        "PointInTimeRecoveryEnabled": True}
    assert table["DeletionPolicy"] == table["UpdateReplacePolicy"] == "Retain"


def test_photo_bucket_is_private_and_refuses_plain_http(serverless_package):
    bucket = serverless_package.template["Resources"]["PhotosBucket"]["Properties"]
    assert set(bucket["PublicAccessBlockConfiguration"].values()) == {True}
    assert bucket["OwnershipControls"]["Rules"] == [{"ObjectOwnership": "BucketOwnerEnforced"}]
    policy = serverless_package.template["Resources"]["PhotosBucketPolicy"]["Properties"]
    (deny,) = policy["PolicyDocument"]["Statement"]
    assert deny["Effect"] == "Deny" and deny["Condition"] == {
        "Bool": {"aws:SecureTransport": "false"}}
    assert bucket["CorsConfiguration"]["CorsRules"][0]["AllowedOrigins"] == [
        DEPLOYER_ENV["PUBLIC_BASE_URL"]]


def test_each_scheduled_function_runs_on_its_schedule_with_the_dependency_layer(
        serverless_package):
    functions = serverless_package.resources("AWS::Lambda::Function")
    by_handler = {f["Properties"]["Handler"]: name for name, f in functions.items()}
    assert set(by_handler) == set(SCHEDULES)
    rules = serverless_package.resources("AWS::Events::Rule").values()
    scheduled = {rule["Properties"]["Targets"][0]["Arn"]["Fn::GetAtt"][0]:
                 rule["Properties"]["ScheduleExpression"] for rule in rules}
    assert scheduled == {by_handler[h]: expr for h, expr in SCHEDULES.items()}
    for function in functions.values():
        props = function["Properties"]
        assert props["Runtime"] == "python3.11"
        assert props["Layers"] == [{"Ref": "PythonDepsLambdaLayer"}]
    notify = functions[by_handler["functions/notifications/drain.handler"]]["Properties"]
    assert notify["Timeout"] < 60  # two outbox drains must not overlap


def test_the_notify_function_delivers_changed_outboxes_from_the_tables_stream(
        serverless_package):
    table = serverless_package.template["Resources"]["Table"]["Properties"]
    assert table["StreamSpecification"] == {"StreamViewType": "NEW_IMAGE"}
    functions = serverless_package.resources("AWS::Lambda::Function")
    (mapping,) = serverless_package.resources("AWS::Lambda::EventSourceMapping").values()
    props = mapping["Properties"]
    assert props["EventSourceArn"] == {"Fn::GetAtt": ["Table", "StreamArn"]}
    notify = next(name for name, f in functions.items()
                  if f["Properties"]["Handler"] == "functions/notifications/drain.handler")
    assert props["FunctionName"]["Fn::GetAtt"][0] == notify
    assert props["MaximumRetryAttempts"] == 0  # a failed record waits for the drain
    patterns = [json.loads(f["Pattern"]) for f in props["FilterCriteria"]["Filters"]]
    assert {p["dynamodb"]["NewImage"]["pk"]["S"][0]["prefix"] for p in patterns} == {
        "CASE#", "SUGGESTION#"}
    for pattern in patterns:
        assert pattern["eventName"] == ["INSERT", "MODIFY"]
        assert pattern["dynamodb"]["NewImage"]["outbox_pk"] == {"S": [{"exists": True}]}
    for function in functions.values():
        assert function["Properties"]["Environment"]["Variables"]["DELIVERY"] == "stream"
    role = serverless_package.template["Resources"]["IamRoleLambdaExecution"]
    assert any(set(s["Action"]) == STREAM_READS for s in _statements(role))


def test_functions_get_exactly_the_environment_config_reads(serverless_package):
    source = (ROOT / "functions" / "shared" / "config.py").read_text()
    read = set(re.findall(r"""get\(["']([A-Z][A-Z0-9_]+)["']""", source))
    for function in serverless_package.resources("AWS::Lambda::Function").values():
        declared = set(function["Properties"]["Environment"]["Variables"])
        assert declared == read - NOT_DEPLOYED, (
            "serverless.yml provider.environment and functions/shared/config.py disagree; a new "
            "variable needs a line in serverless.yml (and SSM) or a place in NOT_DEPLOYED")
        variables = function["Properties"]["Environment"]["Variables"]
        assert variables["TABLE_NAME"] == {"Ref": "Table"}
        assert variables["UPLOAD_BUCKET"] == {"Ref": "PhotosBucket"}


def test_secrets_come_from_ssm_or_the_deployers_environment_never_the_repository(
        serverless_package):
    text = (ROOT / "serverless.yml").read_text()
    for name in SECRETS | {"PUBLIC_BASE_URL", "WECHAT_APPID"}:
        assert re.search(rf"^    {name}: \$\{{env:{name}, ssm:/mashangban/\$\{{sls:stage\}}/{name}\b",
                         text, re.M), name
    variables = next(iter(serverless_package.resources("AWS::Lambda::Function").values()))[
        "Properties"]["Environment"]["Variables"]
    assert {n: variables[n] for n in SECRETS} == {n: DEPLOYER_ENV[n] for n in SECRETS}
    zappa = (ROOT / "infra" / "zappa_settings.json").read_text()
    assert not any(name in zappa for name in SECRETS)


STREAM_READS = {"dynamodb:DescribeStream", "dynamodb:GetRecords", "dynamodb:GetShardIterator",
                "dynamodb:ListStreams"}


def _resources(statement):
    value = statement["Resource"]
    return value if isinstance(value, list) else [value]


def _statements(role):
    return [s for p in role["Properties"]["Policies"] for s in p["PolicyDocument"]["Statement"]]


def test_roles_grant_item_access_to_the_one_table_and_objects_of_the_one_bucket(
        serverless_package):
    resources = serverless_package.template["Resources"]
    table_arns = [{"Fn::GetAtt": ["Table", "Arn"]},
                  {"Fn::Join": ["/", [{"Fn::GetAtt": ["Table", "Arn"]}, "index", "*"]]}]
    for name in ("IamRoleLambdaExecution", "ApiFunctionRole"):
        for statement in _statements(resources[name]):
            actions = statement["Action"] if isinstance(statement["Action"], list) \
                else [statement["Action"]]
            assert all("*" not in a for a in actions), (name, actions)
            if set(actions) <= STREAM_READS:  # the notify function's stream event
                assert name == "IamRoleLambdaExecution"
                assert _resources(statement) == [{"Fn::GetAtt": ["Table", "StreamArn"]}]
                continue
            if any(a.startswith("dynamodb:") for a in actions):
                assert statement["Resource"] == table_arns
                assert not {"dynamodb:Scan", "dynamodb:DeleteTable", "dynamodb:CreateTable",
                            "dynamodb:UpdateTable"} & set(actions)
            if any(a.startswith("s3:") for a in actions):
                assert name == "ApiFunctionRole"  # the functions never touch photos
                assert set(actions) == {"s3:PutObject", "s3:GetObject",
                                        "s3:PutObjectTagging", "s3:GetObjectTagging",
                                        "s3:DeleteObjectTagging"}  # uploads, attaching
                assert statement["Resource"] == {
                    "Fn::Join": ["", [{"Fn::GetAtt": ["PhotosBucket", "Arn"]}, "/*"]]}


def test_api_is_regional_and_built_from_the_partition_for_china(serverless_package):
    resources = serverless_package.template["Resources"]
    api = resources["ApiRestApi"]["Properties"]
    assert api["EndpointConfiguration"] == {"Types": ["REGIONAL"]}
    assert api["BinaryMediaTypes"] == ["*/*"]
    for method in ("ApiRootMethod", "ApiProxyMethod"):
        integration = resources[method]["Properties"]["Integration"]
        assert integration["Type"] == "AWS_PROXY"
        uri = integration["Uri"]["Fn::Sub"]
        assert uri.startswith("arn:${AWS::Partition}:apigateway:${AWS::Region}:lambda:")
        assert f":function:mashangban-api-{STAGE}/invocations" in uri
    assert "arn:aws:" not in str(serverless_package.template)
    assert resources["ApiDomainName"]["Properties"]["EndpointConfiguration"] == {
        "Types": ["REGIONAL"]}
