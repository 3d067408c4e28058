"""infra.deploy_env copies the resolved environment onto zappa's function, keeping zappa's own."""
import boto3
from botocore.stub import Stubber

from infra import deploy_env


def _config(name, variables):
    return {"FunctionName": name, "LastUpdateStatus": "Successful", "State": "Active",
            "Environment": {"Variables": variables}}


def test_api_function_gets_the_scheduled_functions_environment_and_keeps_zappas():
    client = boto3.client("lambda", region_name="cn-north-1", aws_access_key_id="x",
                          aws_secret_access_key="x")
    resolved = {"TABLE_NAME": "mashangban-prod", "UPLOAD_BUCKET": "mashangban-prod-photos-1",
                "SECRET_KEY": "from-ssm", "WECHAT_SECRET": "from-ssm-too"}
    zappas = {"TABLE_NAME": "mashangban-prod", "INSTANTIATE_LAMBDA_HANDLER_ON_IMPORT": "true"}
    with Stubber(client) as stub:
        stub.add_response("get_function_configuration", _config("mashangban-api-prod", zappas),
                          {"FunctionName": "mashangban-api-prod"})
        stub.add_response("get_function_configuration",
                          _config("mashangban-prod-reminders", resolved),
                          {"FunctionName": "mashangban-prod-reminders"})
        stub.add_response("get_function_configuration", _config("mashangban-api-prod", zappas),
                          {"FunctionName": "mashangban-api-prod"})
        stub.add_response("update_function_configuration", {},
                          {"FunctionName": "mashangban-api-prod",
                           "Environment": {"Variables": {**zappas, **resolved}}})
        assert deploy_env.copy_environment(client, "prod") == sorted(resolved)
        stub.assert_no_pending_responses()
