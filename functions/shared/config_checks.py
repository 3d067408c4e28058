"""The checks of the values functions/shared/config.py reads from the environment: a value
that would be unsafe or meaningless stops the app at start with what to set instead."""

DEV_SECRET = "dev-secret-change-me"


def secret_key(value: str | None, in_cloud: bool, live_channels: bool) -> str:
    """Tokens and cookies signed with the public dev secret would be forgeable by anyone:
    it is refused in the cloud and whenever real WeChat or SMS users can reach the app."""
    if value and value != DEV_SECRET:
        return value
    if in_cloud or live_channels:
        raise RuntimeError("SECRET_KEY must be set to a secret of its own in the cloud and "
                           "whenever WeChat or SMS is configured (see README: Deployment)")
    return DEV_SECRET


def aes_key(value: str | None) -> str | None:
    """WeChat's EncodingAESKey is 43 characters (32 bytes in base64 without its '=')."""
    if value and len(value) != 43:
        raise RuntimeError("WECHAT_PUSH_AES_KEY must be the 43-character EncodingAESKey")
    return value


def proxy_count(value: str) -> int:
    if not value.isdigit() or int(value) > 5:
        raise RuntimeError("TRUSTED_PROXIES must be how many reverse proxies (0-5) stand "
                           "in front of the app")
    return int(value)


DELIVERY_MODES = ("inline", "signal", "stream")


def delivery_mode(value: str | None, in_cloud: bool) -> str:
    chosen = value or ("stream" if in_cloud else "signal")
    if chosen not in DELIVERY_MODES:
        raise RuntimeError(f"DELIVERY must be one of {', '.join(DELIVERY_MODES)}, not {chosen!r}")
    return chosen
