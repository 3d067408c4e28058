"""What the fake outside services share: a real HTTP server on a free loopback port, in a
thread, that records every request it answers so tests can assert what was sent."""
import json
import socket
import struct
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qsl, urlsplit


@dataclass
class Recorded:
    method: str
    path: str
    query: dict
    body: bytes
    answer: dict = field(default_factory=dict)

    @property
    def json(self) -> dict:
        return json.loads(self.body or b"{}")

    @property
    def form(self) -> dict:
        return dict(parse_qsl(self.body.decode("utf-8")))


class _Handler(BaseHTTPRequestHandler):
    def _serve(self):
        fake = self.server.fake
        url = urlsplit(self.path)
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        req = Recorded(self.command, url.path, dict(parse_qsl(url.query)), body)
        fake.requests.append(req)
        status, req.answer = fake.answer(req)
        fault = fake.fault_for(req)  # None, ("delay", seconds) or ("reset",)
        delay = fake.delay_seconds or (fault[1] if fault and fault[0] == "delay" else 0)
        if delay:
            fake.pause(delay)
        payload = json.dumps(req.answer, ensure_ascii=False).encode("utf-8")
        if fault and fault[0] == "reset":
            self._reset_mid_answer(status, payload)
            return
        try:
            self.send_response(status)
            self.send_header("Content-Type", "application/json; charset=utf-8")
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up waiting, as a timed-out client does

    do_GET = do_POST = _serve

    def _reset_mid_answer(self, status, payload):
        """Headers and half the body, then a TCP reset: the request was acted on, the
        client never learns how."""
        self.send_response(status)
        self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload[: len(payload) // 2])
        self.wfile.flush()
        self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        self.connection.close()
        self.close_connection = True

    def log_message(self, *args):
        pass


class FakeServer:
    """Subclasses implement `answer(req) -> (status, json body)`."""

    def __init__(self):
        self.requests: list[Recorded] = []
        self.delay_seconds = 0.0
        self.released = threading.Event()
        self._httpd = None

    @property
    def port(self) -> int:
        return self._httpd.server_address[1]

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self):
        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
        self._httpd.daemon_threads = True
        self._httpd.fake = self
        # A short poll keeps `stop` quick; the default half second adds up over a suite.
        threading.Thread(target=self._httpd.serve_forever, args=(0.02,), daemon=True).start()
        return self

    def stop(self):
        self.released.set()
        if self._httpd is not None:
            self._httpd.shutdown()
            self._httpd.server_close()
            self._httpd = None

    def answer(self, req: Recorded):
        raise NotImplementedError

    def pause(self, seconds: float) -> None:
        """Sleep in short slices until `seconds` pass or the fake stops (so stopping never
        hangs on a sleeping handler). Not `Event.wait(timeout)`: under faketime a timed
        wait on a lock never ends, while sleeping works."""
        end = time.monotonic() + seconds
        while not self.released.is_set() and time.monotonic() < end:
            time.sleep(0.02)

    def fault_for(self, req: Recorded):
        """How to misbehave after acting on `req`; subclasses decide (default: never)."""
        return None
