"""A small HTTP client for tests: speaks the contract, remembers a bearer token."""
import io

import requests
from PIL import Image


class ContractCalls:
    """The contract's calls over some transport; subclasses say how a request is made."""
    token: str | None

    def call(self, method: str, path: str, *, json=None, headers=None, **kwargs):
        raise NotImplementedError

    def with_token(self, token: str | None) -> "ContractCalls":
        raise NotImplementedError

    @staticmethod
    def text_of(response) -> str:
        return response.get_data(as_text=True)

    @staticmethod
    def json_of(response):
        return response.get_json()

    def _auth(self, headers) -> dict:
        headers = dict(headers or {})
        if self.token:
            headers["Authorization"] = f"Bearer {self.token}"
        return headers

    def get(self, path, **kwargs):
        return self.call("GET", path, **kwargs)

    def post(self, path, json=None, **kwargs):
        return self.call("POST", path, json=json, **kwargs)

    def ok(self, method: str, path: str, status: int = 200, **kwargs) -> dict:
        """Call and insist on `status`; the JSON body."""
        response = self.call(method, path, **kwargs)
        assert response.status_code == status, (method, path, response.status_code,
                                                self.text_of(response)[:500])
        return self.json_of(response)

    def as_citizen(self, code: str):
        body = self.with_token(None).ok("POST", "/api/v1/auth/wechat", json={"code": code})
        return self.with_token(body["token"])

    def as_staff(self, username: str, password: str = "demo12345"):
        body = self.with_token(None).ok("POST", "/api/v1/staff/login",
                                        json={"username": username, "password": password})
        return self.with_token(body["token"])


class Api(ContractCalls):
    """Real HTTP against a served app."""
    timeout = 10

    def __init__(self, base_url: str, token: str | None = None):
        self.base_url = base_url.rstrip("/")
        self.token = token

    def call(self, method: str, path: str, *, json=None, headers=None, **kwargs):
        return requests.request(method, self.base_url + path, json=json,
                                headers=self._auth(headers), timeout=self.timeout, **kwargs)

    def with_token(self, token):
        return type(self)(self.base_url, token)

    @staticmethod
    def text_of(response) -> str:
        return response.text

    @staticmethod
    def json_of(response):
        return response.json()

    def upload_photo(self, color=(200, 30, 30), fmt="JPEG") -> dict:
        buffer = io.BytesIO()
        Image.new("RGB", (64, 48), color).save(buffer, fmt)
        files = {"file": (f"photo.{fmt.lower()}", buffer.getvalue(), f"image/{fmt.lower()}")}
        return self.ok("POST", "/api/v1/uploads", 201, files=files)


def assert_error(response, status: int, code: str):
    assert response.status_code == status, (response.status_code, response.text[:300])
    body = response.json()
    assert body["error"]["code"] == code, body
    assert isinstance(body["error"]["message"], str) and body["error"]["message"]
    assert isinstance(body["error"]["fields"], dict)
    return body["error"]
