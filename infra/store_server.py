"""Start and stop a local dynalite (DynamoDB on LevelDB) bound to 127.0.0.1."""
import os
import socket
import subprocess
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DYNALITE = os.path.join(ROOT, "node_modules", ".bin", "dynalite")


def port_open(port: int, host: str = "127.0.0.1") -> bool:
    with socket.socket() as sock:
        sock.settimeout(0.2)
        return sock.connect_ex((host, port)) == 0


def free_port() -> int:
    """A loopback port nobody listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start(port: int, path: str | None, log_file=None) -> subprocess.Popen:
    """Start dynalite on `port`, data under `path` (in memory when None); wait until it listens."""
    if port_open(port):
        raise RuntimeError(f"port {port} is taken; set STORE_PORT to a free port")
    args = [DYNALITE, "--host", "127.0.0.1", "--port", str(port),
            "--createTableMs", "0", "--deleteTableMs", "0", "--updateTableMs", "0"]
    if path:
        os.makedirs(path, exist_ok=True)
        args += ["--path", path]
    proc = subprocess.Popen(args, stdout=log_file or subprocess.DEVNULL,
                            stderr=subprocess.STDOUT, start_new_session=True)
    deadline = time.monotonic() + 20
    while not port_open(port):
        if proc.poll() is not None:
            raise RuntimeError(f"dynalite exited with {proc.returncode}")
        if time.monotonic() > deadline:
            proc.kill()
            raise RuntimeError("dynalite did not start listening within 20 s")
        time.sleep(0.05)
    return proc


def stop(proc: subprocess.Popen, timeout: float = 5) -> None:
    """Terminate a child we started; kill it if it does not go within `timeout` seconds."""
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
