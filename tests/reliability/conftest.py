"""A store of the reliability tests' own that can be killed and restarted with its data,
and the app served by waitress in its own process in front of it."""
import pytest

from benchmarks.harness import bench_settings, seeded_table
from benchmarks.serve import settings_env, start_server, stop_server
from infra import store_server
from tests.conftest import free_port


class KillableStore:
    """dynalite on LevelDB under `path`: kill it like a crash, start it again on its port."""

    def __init__(self, path: str):
        self.path, self.port = path, free_port()
        self.proc = store_server.start(self.port, path)

    def kill(self) -> None:
        self.proc.kill()
        self.proc.wait()

    def restart(self) -> None:
        self.proc = store_server.start(self.port, self.path)

    def stop(self) -> None:
        store_server.stop(self.proc)


@pytest.fixture
def killable_store(tmp_path):
    store = KillableStore(str(tmp_path / "dynalite"))
    yield store
    store.stop()


@pytest.fixture
def served(killable_store, tmp_path):
    """The demo region on the killable store, served by waitress; yields (base url, seeded)."""
    settings = bench_settings(killable_store.port, str(tmp_path), TABLE_NAME="outage",
                              SECRET_KEY="test-secret")
    seeded = seeded_table(settings)
    port = free_port()
    server = start_server(port, settings_env(settings, str(tmp_path)), threads=4,
                          log_path=str(tmp_path / "server.log"))
    yield f"http://127.0.0.1:{port}", seeded
    stop_server(server)
