"""Driving the H5 pages as a phone's browser would (forms, cookies, no JavaScript), and
moving a case along as its deputy, the office and the unit do."""
import html
import io
import re

import pytest
from PIL import Image

from functions.shared import clock
from functions.cases import handling

PHONE = "13912345678"
_HIDDEN = re.compile(r'<input type="hidden" name="([a-z_]+)" value="([^"]*)"')
_DEV_CODE = re.compile(r"开发模式验证码：<strong>(\d{6})</strong>")

OFFICE = {"kind": "staff", "username": "office", "role": "office", "region_id": "demo"}
UNIT = {"kind": "staff", "username": "unit1", "role": "unit", "region_id": "demo",
        "unit_id": "u-housing"}


def text(response) -> str:
    return response.get_data(as_text=True)


def hidden(page: str) -> dict:
    """The hidden fields of a page (the first of each name)."""
    found = {}
    for name, value in _HIDDEN.findall(page):
        found.setdefault(name, html.unescape(value))
    return found


def dev_code(page: str) -> str:
    return _DEV_CODE.search(page).group(1)


def jpeg(color=(30, 120, 200), size=(40, 30)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, color).save(buffer, "JPEG")
    return buffer.getvalue()


class H5:
    """One browser: the Flask test client keeps its cookies."""

    def __init__(self, client):
        self.client = client

    def get(self, path: str, **kwargs):
        return self.client.get(path, **kwargs)

    def post_form(self, page_path: str, action: str, fields: dict | None = None, **kwargs):
        """Post to `action` with the hidden fields of `page_path` plus `fields`."""
        data = {**hidden(text(self.get(page_path))), **(fields or {})}
        return self.client.post(action, data=data, **kwargs)

    def ask_code(self, phone: str = PHONE, next_path: str = "/h5/mine"):
        return self.post_form(f"/h5/login?next={next_path}", "/h5/login/code",
                              {"phone": phone, "next": next_path})

    def log_in(self, phone: str = PHONE, next_path: str = "/h5/mine"):
        page = text(self.ask_code(phone, next_path))
        response = self.client.post("/h5/login/verify", data={
            **hidden(page), "phone": phone, "code": dev_code(page), "next": next_path})
        assert response.status_code == 303, text(response)[:500]
        return response

    def submit(self, entry_code: str, photos=(), **fields):
        """Fill in the entry page's form as shown and post it, photos as file parts."""
        page = text(self.get(f"/q/{entry_code}"))
        data = {**hidden(page), "category": "city_construction", "type": "request",
                "content": "村口路灯坏了三个月，晚上出行不便", **fields}
        data["photos"] = [(io.BytesIO(b), name) for b, name in photos]
        return self.client.post(f"/q/{entry_code}", data=data,
                                content_type="multipart/form-data")


def case_id_of(response) -> str:
    """The case a submit redirected to."""
    return response.headers["Location"].split("/h5/mine/")[1].split("?")[0]


def deputy_of(seeded, index: int = 0) -> dict:
    deputy = seeded["deputies"][index]
    return {"kind": "user", "user_id": f"w-deputy-{index}", "roles": ["citizen", "deputy"],
            "deputy_id": deputy["id"]}


def move(case_id: str, *steps) -> dict:
    """Take (actor, action, body) steps on the case; the case after the last."""
    case = None
    for actor, action, body in steps:
        case = handling.act(case_id=case_id, action=action, actor=actor, now=clock.now(),
                            body=body)
    return case


def approve(case_id: str) -> dict:
    """The office approves the case's public text (the public list shows only those)."""
    from functions.cases import publication
    return publication.publish(case_id=case_id, actor=OFFICE, public=True, now=clock.now())


def to_answered(case_id: str, deputy: dict) -> dict:
    return move(case_id, (deputy, "accept", {}), (deputy, "forward", {"note": "请人大办交办"}),
                (OFFICE, "assign", {"unit_id": "u-housing"}), (UNIT, "sign", {}),
                (UNIT, "answer", {"content": "路灯已全部修复，感谢监督"}))


def to_replied(case_id: str, deputy: dict) -> dict:
    return move(case_id, (deputy, "accept", {}), (deputy, "reply", {
        "content": "已联系村委会，本周内修复", "resolution": "resolved_on_spot"}))


@pytest.fixture
def code(seeded):
    """The entry code of the first demo deputy."""
    return seeded["deputies"][0]["entry_code"]


@pytest.fixture
def h5(client, seeded):
    """A phone browser already logged in on the H5 pages."""
    browser = H5(client)
    browser.log_in()
    return browser
