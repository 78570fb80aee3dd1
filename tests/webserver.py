"""A real uvicorn server on a free loopback port, in a thread, over a store copied for the test."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest
import uvicorn

from cyberstate.service import Service
from cyberstate.web.server import build_app, warm

WEB_DATA = Path(__file__).parent / "data" / "web"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def web_store(src: Path, dst_dir: Path) -> Path:
    """The curated store plus the crafted record and one ingested document (for review candidates)."""
    db = dst_dir / "web.db"
    shutil.copy(src, db)
    with Service.open(db) as svc:
        svc.load([WEB_DATA / "crafted.yaml"])
        svc.ingest([WEB_DATA / "report.txt"], publisher="cyberstate tests", published="2024-03-25")
    return db


@contextmanager
def serving(db: Path) -> Iterator[str]:
    svc = Service.open(db)
    warm(svc)
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(build_app(svc), host="127.0.0.1", port=port, log_level="warning"))
    t = threading.Thread(target=server.run, daemon=True)
    t.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not t.is_alive():
            raise RuntimeError("the test server did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        t.join(10)
        svc.close()


@contextmanager
def serving_command(db: Path, command: str, probe: str) -> Iterator[tuple[str, subprocess.Popen[bytes]]]:
    """`cyberstate COMMAND` (`serve` or `taxii`) over `db` in a process of its own, on a free loopback port, once
    `probe` answers, until the block ends: a server as users start it, its store opened by that process."""
    port = free_port()
    cmd = [sys.executable, "-m", "cyberstate", "--db", str(db), command, "--port", str(port)]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            try:
                httpx.get(url + probe, timeout=5)
                break
            except httpx.TransportError:
                if proc.poll() is not None:
                    raise RuntimeError(proc.stderr.read().decode() if proc.stderr else "server died") from None
                time.sleep(0.1)
        yield url, proc
    finally:
        proc.terminate()
        proc.wait(timeout=10)


@pytest.fixture(scope="module")
def web_url(curated_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A real server on loopback over a fresh copy of the web test store (one per test module)."""
    db = web_store(curated_db, tmp_path_factory.mktemp("web"))
    with serving(db) as url:
        yield url
