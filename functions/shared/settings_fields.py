"""What the app is configured with: the fields every module reads from the installed
Settings (functions/shared/config.py reads them from the environment)."""
from dataclasses import dataclass


@dataclass(frozen=True)
class Settings:
    table_name: str
    store_endpoint: str | None  # None means real DynamoDB in the cloud
    aws_region: str
    public_base_url: str
    secret_key: str
    token_ttl_hours: int
    wechat_appid: str | None
    wechat_secret: str | None
    wechat_api_base: str | None  # tests point wechatpy at a fake server
    wechat_push_token: str | None  # message-push token; None refuses every push
    wechat_templates: dict  # event → subscription-message template id
    wechat_long_term_templates: frozenset  # templates that need no per-send consent
    sms_access_key: str | None
    sms_access_secret: str | None
    sms_sign_name: str
    sms_endpoint: str | None  # tests point the Aliyun SDK at a fake server
    upload_dir: str
    upload_bucket: str | None
    s3_endpoint: str | None
    max_upload_bytes: int
    # Aliyun keeps verification-code templates apart from notification ones (own limits).
    sms_digest_template: str
    sms_duty_template: str  # duty notices: "${event}：${title}，请登录码上办查看。"
    sms_project_template: str  # project notices: "民生实事：${event}（${title}），请登录码上办查看。"
    wechat_template_fields: dict
    wechat_verify_files: dict
    password_hash_cost: str
    sms_code_template: str | None = None
    # EncodingAESKey of the message push in safe or compatible mode (43 characters).
    wechat_push_aes_key: str | None = None
    # New cases a citizen may submit per hour and per day (429 beyond; benchmarks raise them).
    cases_per_hour: int = 10
    cases_per_day: int = 30
    # Who sends a write's notifications (functions/notifications/wakeup.py, stream.py):
    # `stream` the table's stream (cloud), `signal` make run's worker, pinged on this port,
    # `inline` the request itself (tests that read the sends right after the call).
    delivery: str = "inline"
    delivery_signal_port: int = 8079
    # Reverse proxies in front of the app that each append the address they saw to
    # X-Forwarded-For; 0 (the default, and Lambda's) trusts no such header, so a client
    # cannot forge its address to dodge the per-address limits.
    trusted_proxies: int = 0

    @property
    def wechat_dev_mode(self) -> bool:
        return not self.wechat_appid

    @property
    def is_local_store(self) -> bool:
        return self.store_endpoint is not None
