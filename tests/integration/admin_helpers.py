"""Logging a staff member in to the admin page through its own form, CSRF token included."""
import re

_TOKEN = re.compile(r'name="csrf_token" value="([^"]+)"')


def csrf_of(html: str) -> str:
    return _TOKEN.search(html).group(1)


def admin_login(client, username: str, password: str = "demo12345"):
    """The test client, logged in; the CSRF token of its session."""
    token = csrf_of(client.get("/admin/login").get_data(as_text=True))
    response = client.post("/admin/login", data={"username": username, "password": password,
                                                 "csrf_token": token})
    assert response.status_code == 302, response.get_data(as_text=True)[:500]
    return csrf_of(client.get("/admin/deputies" if username != "unit1" else "/admin/queue")
                   .get_data(as_text=True))
