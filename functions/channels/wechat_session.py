"""wechatpy's token storage on the table, so every Lambda instance shares one access token.

Each fetch of a new token invalidates the previous one at WeChat, so per-process
memory would have instances revoking each other's tokens. DynamoDB deletes expired
items only eventually and dynalite never does, so `get` checks `expires_at` itself.
"""
import json
import time
from datetime import datetime, timezone

from pynamodb.exceptions import DoesNotExist
from wechatpy.session import SessionStorage

from functions.storage import keys
from functions.storage.models import WechatSessionItem


class DynamoSessionStorage(SessionStorage):
    def __init__(self, now=time.time):
        # Tokens expire in real time at WeChat, hence wall-clock seconds, not the case clock.
        self._now = now

    def get(self, key, default=None):
        try:
            item = WechatSessionItem.get(keys.wechat_session_pk(key), keys.META,
                                         consistent_read=True)
        except DoesNotExist:
            return default
        if item.expires_at is not None and item.expires_at.timestamp() <= self._now():
            return default
        return json.loads(item.value)

    def set(self, key, value, ttl=None):
        expires_at = None
        if ttl:
            expires_at = datetime.fromtimestamp(int(self._now() + ttl), tz=timezone.utc)
        WechatSessionItem(pk=keys.wechat_session_pk(key), sk=keys.META,
                          value=json.dumps(value, ensure_ascii=False),
                          expires_at=expires_at).save()

    def delete(self, key):
        WechatSessionItem(pk=keys.wechat_session_pk(key), sk=keys.META).delete()
