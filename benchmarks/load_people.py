"""The simulated people of the load benchmark: citizens and deputies over real HTTP.

Each person is one thread with its own keep-alive session. Citizens submit (now and then
sending the same Idempotency-Key twice at once, as a retrying phone would), read their
cases, rate what their deputy replied and browse the public list; deputies read their
inbox, accept and reply. Every request draws from one shared budget.
"""
import random
import threading
import time
import uuid
from collections import Counter, defaultdict

import requests

DOUBLE_SUBMIT = 0.05  # share of submissions sent twice at once with the same key


class Ledger:
    """The shared budget, the latencies, the errors and what the server acknowledged."""

    def __init__(self, budget: int, progress=None):
        self.lock = threading.Lock()
        self.left, self.progress = budget, progress
        self.latencies: dict[str, list[float]] = defaultdict(list)
        self.errors: Counter = Counter()
        self.acknowledged: dict[tuple[str, str], str] = {}  # (user, key) → case id
        self.replied: set[str] = set()

    def claim(self, n: int = 1) -> bool:
        with self.lock:
            if self.left < n:
                self.left = 0
                return False
            self.left -= n
            return True

    def record(self, label: str, seconds: float, problem: str | None) -> None:
        with self.lock:
            self.latencies[label].append(seconds)
            if problem:
                self.errors[f"{label}: {problem}"] += 1
        if self.progress is not None:
            self.progress.update(1)

    def acknowledge(self, user: str, key: str, case_id: str) -> None:
        with self.lock:
            known = self.acknowledged.setdefault((user, key), case_id)
            if known != case_id:
                self.errors["submit: same key, another case"] += 1


class Person:
    def __init__(self, base: str, token: str, user_id: str, ledger: Ledger, seed: int):
        self.base, self.user_id, self.ledger = base, user_id, ledger
        self.rng = random.Random(seed)
        self.session = requests.Session()
        self.session.headers["Authorization"] = f"Bearer {token}"

    def call(self, label, method, path, ok=(200,), session=None, **kwargs):
        start = time.perf_counter()
        try:
            response = (session or self.session).request(method, self.base + path, timeout=60,
                                                         **kwargs)
            problem = None if response.status_code in ok else str(response.status_code)
        except requests.RequestException as exc:
            response, problem = None, type(exc).__name__
        self.ledger.record(label, time.perf_counter() - start, problem)
        return None if problem else response.json()

    def run(self) -> None:
        while self.ledger.claim():
            self.step()


class Citizen(Person):
    def __init__(self, *args, entry_codes: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.entry_codes, self.cases, self.rated = entry_codes, [], set()

    def step(self) -> None:
        rateable = [c for c in self.cases if c in self.ledger.replied and c not in self.rated]
        roll = self.rng.random()
        if roll < 0.3 or not self.cases:
            self.submit()
        elif roll < 0.45 and rateable:
            self.rated.add(rateable[0])
            self.call("rating", "POST", f"/api/v1/cases/{rateable[0]}/rating",
                      json={"rating": self.rng.choice(["satisfied", "basically_satisfied"])})
        elif roll < 0.75:
            self.call("detail", "GET", f"/api/v1/cases/{self.rng.choice(self.cases)}")
        elif roll < 0.9:
            self.call("my cases", "GET", "/api/v1/cases/mine")
        else:
            self.call("public list", "GET", "/api/v1/public/cases?region_id=demo")

    def submit(self) -> None:
        key = uuid.uuid4().hex
        body = {"entry_code": self.rng.choice(self.entry_codes), "category": "city_construction",
                "type": "request", "content": f"负载测试：路灯不亮 {key}", "public": True}
        send = lambda session=None: self.call(  # noqa: E731
            "submit", "POST", "/api/v1/cases", ok=(200, 201), session=session, json=body,
            headers={"Idempotency-Key": key})
        results = [None, None]
        if self.rng.random() < DOUBLE_SUBMIT and self.ledger.claim():
            twin = requests.Session()
            twin.headers.update(self.session.headers)
            other = threading.Thread(target=lambda: results.__setitem__(1, send(twin)))
            other.start()
            results[0] = send()
            other.join()
        else:
            results[0] = send()
        for result in filter(None, results):
            self.ledger.acknowledge(self.user_id, key, result["case"]["id"])
        if results[0]:
            self.cases.append(results[0]["case"]["id"])


class Deputy(Person):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.waiting, self.accepted = [], []

    def step(self) -> None:
        if self.accepted and self.rng.random() < 0.5:
            case_id = self.accepted.pop(0)
            if self.call("reply", "POST", f"/api/v1/cases/{case_id}/reply", json={
                    "content": "已了解，按政策答复如下。", "resolution": "policy_answer"}):
                with self.ledger.lock:
                    self.ledger.replied.add(case_id)
        elif self.waiting and self.rng.random() < 0.6:
            case_id = self.waiting.pop(0)
            if self.call("accept", "POST", f"/api/v1/cases/{case_id}/accept"):
                self.accepted.append(case_id)
        else:
            inbox = self.call("inbox", "GET", "/api/v1/deputy/inbox?status=submitted&limit=20")
            if inbox:
                self.waiting = [c["id"] for c in inbox["items"]]
