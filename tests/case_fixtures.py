"""The case-loop tests' cast: callers that speak the contract (Flask test client or real
HTTP), the demo region's people logged in on first use, and a case walked to any status."""
import io
import threading

import pytest
from PIL import Image

from tests.api_client import Api, ContractCalls

CATEGORY = "city_construction"
PASSWORD = "demo12345"


def body_of(response) -> dict:
    return response.get_json() if hasattr(response, "get_json") else response.json()


def assert_error(response, status: int, code: str, field: str | None = None) -> dict:
    """The response is the contract's error with this status and code (naming `field`)."""
    body = body_of(response) or {}
    assert response.status_code == status, (response.status_code, str(body)[:300])
    error = body.get("error") or {}
    assert error.get("code") == code, body
    assert error.get("message") and isinstance(error.get("fields"), dict), body
    if field is not None:
        assert field in error["fields"], error
    return error


def image_bytes(fmt: str = "JPEG", color=(200, 30, 30)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (32, 24), color).save(buffer, fmt)
    return buffer.getvalue()


class Caller(ContractCalls):
    """The Flask test client with an optional bearer token; the same calls as `Api`."""

    def __init__(self, client, token: str | None = None):
        self.client, self.token = client, token

    def call(self, method: str, path: str, *, json=None, headers=None, **kwargs):
        return self.client.open(path, method=method, json=json, headers=self._auth(headers),
                                **kwargs)

    def with_token(self, token):
        return Caller(self.client, token)

    def upload(self, data: bytes, filename="photo.jpg", mimetype="image/jpeg"):
        return self.post("/api/v1/uploads", content_type="multipart/form-data",
                         data={"file": (io.BytesIO(data), filename, mimetype)})

    def upload_photo(self, color=(200, 30, 30)) -> dict:
        response = self.upload(image_bytes("JPEG", color))
        assert response.status_code == 201, response.get_data(as_text=True)
        return response.get_json()


def case_body(entry_code: str, **overrides) -> dict:
    body = {"entry_code": entry_code, "category": CATEGORY, "type": "request",
            "content": "东街路灯坏了三个月，晚上很黑。", "public": False}
    body.update(overrides)
    return body


# How each step is taken, by whom and with what body.
STEPS = {
    "accept": ("deputy", None),
    "reply": ("deputy", {"content": "按政策可以办理，已告知流程。", "resolution": "policy_answer"}),
    "forward": ("deputy", {"note": "请人大办交办"}),
    "reject": ("deputy", {"reason": "不属于本级人大职责范围"}),
    "withdraw": ("citizen", None),
    "assign": ("office", {"unit_id": "u-housing"}),
    "sign": ("unit", None),
    "answer": ("unit", {"content": "已更换路灯。"}),
    "rating": ("citizen", {"rating": "satisfied"}),
}
PATHS = {
    "submitted": (), "accepted": ("accept",), "replied": ("accept", "reply"),
    "forwarded": ("accept", "forward"), "assigned": ("accept", "forward", "assign"),
    "in_progress": ("accept", "forward", "assign", "sign"),
    "answered": ("accept", "forward", "assign", "sign", "answer"),
    "closed": ("accept", "forward", "assign", "sign", "answer", "rating"),
    "withdrawn": ("withdraw",), "rejected": ("reject",),
}


class Cast:
    """The demo region's people, each logged in once, on first use."""

    def __init__(self, anonymous, seeded: dict):
        self.anonymous = anonymous
        self.seeded_deputies = seeded["deputies"]
        self._callers: dict = {}
        self._keys = 0

    def _once(self, key, make):
        if key not in self._callers:
            self._callers[key] = make()
        return self._callers[key]

    def citizen(self, name: str = "wang"):
        return self._once(("citizen", name), lambda: self.anonymous.as_citizen(f"citizen-{name}"))

    def staff(self, username: str, password: str = PASSWORD):
        return self._once(("staff", username), lambda: self.anonymous.as_staff(username, password))

    @property
    def office(self):
        return self.staff("office")

    @property
    def unit(self):
        return self.staff("unit1")

    @property
    def admin(self):
        return self.staff("admin")

    def other_unit(self, unit_id: str = "u-transport"):
        """A staff account of another unit of the demo region, made by the admin."""
        username = f"staff_{unit_id.replace('-', '_')}"
        if ("staff", username) not in self._callers:
            self.admin.ok("POST", "/api/v1/staff/accounts", 201, json={
                "username": username, "password": PASSWORD, "role": "unit", "unit_id": unit_id})
        return self.staff(username)

    def deputy(self, index: int = 0):
        """The WeChat user bound to seeded deputy `index`."""
        def bind():
            user = self.anonymous.as_citizen(f"deputy-{index}")
            bound = user.ok("POST", "/api/v1/deputy/bind",
                            json={"bind_code": self.seeded_deputies[index]["bind_code"]})
            user.token = bound["token"]
            return user
        return self._once(("deputy", index), bind)

    def deputy_id(self, index: int = 0) -> str:
        return self.seeded_deputies[index]["id"]

    def entry_code(self, index: int = 0) -> str:
        return self.seeded_deputies[index]["entry_code"]

    def submit(self, citizen: str = "wang", deputy: int = 0, key: str | None = None,
               **fields) -> dict:
        self._keys += 1
        return self.citizen(citizen).ok(
            "POST", "/api/v1/cases", 201, headers={"Idempotency-Key": key or f"k-{self._keys}"},
            json=case_body(self.entry_code(deputy), **fields))["case"]

    def step(self, case_id: str, action: str, *, citizen: str = "wang", deputy: int = 0,
             body: dict | None = None) -> dict:
        who, default_body = STEPS[action]
        caller = {"deputy": lambda: self.deputy(deputy), "citizen": lambda: self.citizen(citizen),
                  "office": lambda: self.office, "unit": lambda: self.unit}[who]()
        return caller.ok("POST", f"/api/v1/cases/{case_id}/{action}",
                         json=body if body is not None else default_body)["case"]

    def publish(self, case_id: str, public: bool = True, **body) -> dict:
        """The office approves (or withdraws) the case's public text."""
        return self.office.ok("POST", f"/api/v1/cases/{case_id}/publish",
                              json={"public": public, **body})["case"]

    def case_at(self, status: str, *, citizen: str = "wang", deputy: int = 0,
                approved: bool = True, **fields) -> str:
        """The id of a new case of `citizen` through `deputy`, walked to `status`; a public
        one has its public text approved by the office unless `approved` is False."""
        case = self.submit(citizen, deputy, **fields)
        if fields.get("public") and approved:
            self.publish(case["id"])
        for action in PATHS[status]:
            case = self.step(case["id"], action, citizen=citizen, deputy=deputy)
        assert case["status"] == status, case["status"]
        return case["id"]

    def read(self, case_id: str, caller=None) -> dict:
        return (caller or self.office).ok("GET", f"/api/v1/cases/{case_id}")["case"]


class LiveApi(Api):
    """`Api` with room for a loaded machine: racing requests queue behind each other."""
    timeout = 60


@pytest.fixture
def cast(seeded, client):
    """The demo cast over the Flask test client."""
    return Cast(Caller(client), seeded)


@pytest.fixture
def live_cast(seeded, live_server):
    """The demo cast over real HTTP, for requests that must really run at the same time."""
    return Cast(LiveApi(live_server), seeded)


def outcome(response) -> tuple[int, str | None]:
    """(status, error code) of a response, for tables of expected refusals."""
    try:
        body = body_of(response)
    except ValueError:
        body = None
    error = body.get("error") if isinstance(body, dict) else None
    return response.status_code, (error or {}).get("code")


def refusals_that_differ(rows, status: int = 403, code: str = "forbidden") -> dict:
    """Call every (label, caller, method, path, kwargs) row; the rows not refused as expected."""
    wrong = {}
    for label, caller, method, path, kwargs in rows:
        got = outcome(caller.call(method, path, **kwargs))
        if got != (status, code):
            wrong[label] = got
    return wrong


def at_once(*calls):
    """Run the calls in threads released together; their results (or errors), in order."""
    start, results = threading.Barrier(len(calls)), [None] * len(calls)

    def run(slot, call):
        start.wait()
        try:
            results[slot] = call()
        except Exception as exc:  # shown in the failing assertion, not lost in a thread
            results[slot] = exc
    threads = [threading.Thread(target=run, args=(i, c)) for i, c in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not [r for r in results if not hasattr(r, "status_code")], results
    return results
