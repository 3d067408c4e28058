"""Fixtures: a real dynalite over HTTP (one per session), a fresh table per test."""
import uuid

import pytest

from functions.shared import clock
from functions.shared.config import load_settings
from functions.storage.connection import configure, ensure_table
from infra import store_server
from infra.store_server import free_port

pytest_plugins = ["tests.fakes.fixtures"]


@pytest.fixture(scope="session")
def store_port():
    """A dynalite server for the whole run, in memory, on a free loopback port."""
    port = free_port()
    proc = store_server.start(port, None)
    yield port
    store_server.stop(proc)


@pytest.fixture
def settings(store_port, tmp_path):
    return load_settings({
        "STORE_PORT": str(store_port),
        "TABLE_NAME": f"test-{uuid.uuid4().hex[:12]}",
        "DATA_DIR": str(tmp_path),
        "SECRET_KEY": "test-secret",
        "PUBLIC_BASE_URL": "https://mashangban.example.cn",
        "PASSWORD_HASH_COST": "fast",
        # The request delivers, so a test reads the sends right after the call; the
        # stream and signal modes have tests of their own (tests/integration/notifications).
        "DELIVERY": "inline",
    })


@pytest.fixture
def store(settings):
    """A fresh, empty table with every index (and no settings cached from another)."""
    from functions.duty import rules_cache
    from functions.org import regions
    configure(settings)
    ensure_table()
    regions.forget_cached()
    rules_cache.forget_cached()
    yield settings


@pytest.fixture
def app(store):
    from miniprogram_api import create_app
    return create_app(store)


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture(autouse=True)
def reset_clock():
    yield
    clock.set_now(None)


@pytest.fixture
def seeded(store):
    """The demo region: staff admin/office/unit1, three deputies, three units."""
    from functions.duty import rules_cache
    from functions.org import regions
    from infra import seed
    regions.forget_cached()
    rules_cache.forget_cached()
    return seed.seed_demo()


@pytest.fixture
def live_server(app):
    """The app served over real HTTP on a free loopback port, for e2e tests."""
    import threading
    from werkzeug.serving import make_server
    server = make_server("127.0.0.1", free_port(), app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


@pytest.fixture
def api(live_server):
    from tests.api_client import Api
    return Api(live_server)
