"""The one place that reads the environment; every other module gets a Settings
(functions/shared/settings_fields.py)."""
import json
import os

from functions.shared import config_checks
from functions.shared.settings_fields import Settings

# Subscription templates by event, until WECHAT_TEMPLATES names the real ones.
DEV_TEMPLATES = {
    "new_case": "dev-tpl-new-case",
    "case_progress": "dev-tpl-case-progress",
    "case_answered": "dev-tpl-case-answered",
    "deadline_reminder": "dev-tpl-deadline-reminder",
    "project_vote_open": "dev-tpl-project-vote-open",
    "project_vote_closing": "dev-tpl-project-vote-closing",
    "project_evaluation_open": "dev-tpl-project-evaluation-open",
    "project_evaluation_closing": "dev-tpl-project-evaluation-closing",
    "project_progress_due": "dev-tpl-project-progress-due",
    "project_comment": "dev-tpl-project-comment",
}


def _env(name, default=None):
    value = os.environ.get(name)
    return value if value not in (None, "") else default


def load_settings(env=None) -> Settings:
    get = (lambda k, d=None: env.get(k) or d) if env is not None else _env
    data_dir = get("DATA_DIR", "./.data")
    store_port = get("STORE_PORT", "8000")
    # In Lambda there is no local store: AWS_LAMBDA_FUNCTION_NAME marks the cloud.
    in_cloud = get("AWS_LAMBDA_FUNCTION_NAME") is not None
    default_endpoint = None if in_cloud else f"http://127.0.0.1:{store_port}"
    return Settings(
        table_name=get("TABLE_NAME", "mashangban"),
        store_endpoint=get("STORE_ENDPOINT", default_endpoint),
        aws_region=get("AWS_REGION", "cn-north-1" if in_cloud else "us-east-1"),
        public_base_url=get("PUBLIC_BASE_URL", f"http://127.0.0.1:{get('PORT', '8080')}").rstrip("/"),
        secret_key=config_checks.secret_key(
            get("SECRET_KEY"), in_cloud, bool(get("WECHAT_APPID") or get("SMS_ACCESS_KEY_ID"))),
        token_ttl_hours=int(get("TOKEN_TTL_HOURS", "72")),
        wechat_appid=get("WECHAT_APPID"),
        wechat_secret=get("WECHAT_SECRET"),
        wechat_api_base=get("WECHAT_API_BASE"),
        wechat_push_token=get("WECHAT_PUSH_TOKEN"),
        # All or nothing: a partial mapping must not send real users to dev template ids.
        wechat_templates=json.loads(get("WECHAT_TEMPLATES", "null")) or dict(DEV_TEMPLATES),
        wechat_long_term_templates=frozenset(
            t.strip() for t in get("WECHAT_LONG_TERM_TEMPLATES", "").split(",") if t.strip()),
        sms_access_key=get("SMS_ACCESS_KEY_ID"),
        sms_access_secret=get("SMS_ACCESS_KEY_SECRET"),
        sms_sign_name=get("SMS_SIGN_NAME", "码上办"),
        sms_endpoint=get("SMS_ENDPOINT"),
        upload_dir=get("UPLOAD_DIR", os.path.join(data_dir, "uploads")),
        upload_bucket=get("UPLOAD_BUCKET"),
        s3_endpoint=get("S3_ENDPOINT"),
        max_upload_bytes=int(get("MAX_UPLOAD_BYTES", str(10 * 1024 * 1024))),
        sms_code_template=get("SMS_CODE_TEMPLATE"),
        password_hash_cost=get("PASSWORD_HASH_COST", "standard"),  # `fast`: tests only
        # WeChat's check files for "扫普通链接二维码打开小程序": {"<name>.txt": "<content>"}.
        wechat_verify_files=json.loads(get("WECHAT_VERIFY_FILES", "null")) or {},
        # Each real template has its own keyword keys: {template id: {key: meaning}}.
        wechat_template_fields=json.loads(get("WECHAT_TEMPLATE_FIELDS", "null")) or {},
        # One notification template: "您有${count}件${kind}待处理，请登录码上办查看。"
        sms_digest_template=get("SMS_DIGEST_TEMPLATE", "SMS_DEV_DIGEST"),
        sms_duty_template=get("SMS_DUTY_TEMPLATE", "SMS_DEV_DUTY"),
        sms_project_template=get("SMS_PROJECT_TEMPLATE", "SMS_DEV_PROJECT"),
        wechat_push_aes_key=config_checks.aes_key(get("WECHAT_PUSH_AES_KEY")),
        cases_per_hour=int(get("CASES_PER_HOUR", "10")),
        cases_per_day=int(get("CASES_PER_DAY", "30")),
        delivery=config_checks.delivery_mode(get("DELIVERY"), in_cloud),
        # UDP beside the app's TCP port by default, so two `make run`s on other PORTs differ.
        delivery_signal_port=int(get("DELIVERY_SIGNAL_PORT", str(int(get("PORT", "8080")) - 1))),
        trusted_proxies=config_checks.proxy_count(get("TRUSTED_PROXIES", "0")),
    )


_current: Settings | None = None


def settings() -> Settings:
    """The settings in force: the environment's, unless `use` installed others."""
    global _current
    if _current is None:
        _current = load_settings()
    return _current


def use(chosen: Settings) -> Settings:
    """Make `chosen` the settings every module sees (the app factory and tests call this)."""
    global _current
    _current = chosen
    return chosen
