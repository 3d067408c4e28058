"""Fixtures: a real dynalite over HTTP (one per session), a fresh table per test."""
import os
import socket
import uuid

import pytest

from functions import clock
from functions.config import load_settings
from functions.storage.connection import configure, ensure_table
from infra import store_server

pytest_plugins = ["tests.fakes.fixtures"]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


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
    })


@pytest.fixture
def store(settings):
    """A fresh, empty table with every index."""
    configure(settings)
    ensure_table()
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
