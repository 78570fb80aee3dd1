"""Latency of the workbench's JSON API under load: a real `cyberstate serve` on loopback, 20 clients.

    python bench/web.py [--db cyberstate.db] [--clients 20] [--requests 1500] [--seconds 10]

Starts the server as its own process on a free loopback port. The URLs are the entity, chain and
province endpoints of every China-nexus group (a threat group attributed to China) and every province.
A first pass over every URL (one request each, sequential, httpx) is timed apart as the cold figure.
Then the concurrent load, a bounded run: with `wrk` (Debian's package) on PATH, one run of `--seconds`
per endpoint with `--clients` connections cycling over its URLs; without it, an asyncio httpx load of
`--clients` concurrent clients sending `--requests` requests in all (the Python client itself then costs
much of the CPU on a small machine). Prints p50/p99 per endpoint, errors and throughput; the peer, measured in
the same run, is the same questions asked in-process of one `Service` (no HTTP, one thread), so the ratio is the cost
of serving over HTTP under concurrency. Figures are printed, never asserted.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import shutil
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import quote

import httpx

from cyberstate.service import Service


def pct(xs: list[float], p: float) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, round(p / 100 * (len(xs) - 1)))] * 1000


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def targets(db: Path) -> dict[str, list[str]]:
    with Service.open(db) as svc:
        provinces = sorted(e.id for e in svc.iter_entities() if e.kind == "province")
        china = svc.entity_id("China", {"country"})
        groups = sorted(
            {c.subject for c in svc.iter_claims() if c.predicate == "attributed_to" and c.object == china}
            & {e.id for e in svc.iter_entities() if e.kind == "threat_group"}
        )
    return {"entity": groups, "chain": groups, "province": provinces}


async def load(base: str, urls: list[tuple[str, str]], clients: int) -> tuple[dict[str, list[float]], int]:
    times: dict[str, list[float]] = {}
    errors = 0
    queue: asyncio.Queue[tuple[str, str]] = asyncio.Queue()
    for u in urls:
        queue.put_nowait(u)

    async def worker(client: httpx.AsyncClient) -> None:
        nonlocal errors
        while not queue.empty():
            kind, url = queue.get_nowait()
            t = time.perf_counter()
            r = await client.get(url)
            times.setdefault(kind, []).append(time.perf_counter() - t)
            errors += r.status_code != 200

    limits = httpx.Limits(max_connections=clients)
    async with httpx.AsyncClient(base_url=base, timeout=60, limits=limits) as client:
        await asyncio.gather(*(worker(client) for _ in range(clients)))
    return times, errors


WRK_SCRIPT = """
local paths = {%s}
local i = 0
request = function()
  i = i + 1
  return wrk.format("GET", paths[(i %% #paths) + 1])
end
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("RESULT %%d %%d %%d %%.3f %%.3f\\n", summary.requests,
    e.connect + e.read + e.write + e.timeout + e.status, summary.duration,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end
"""


def wrk(base: str, paths: list[str], clients: int, seconds: int) -> tuple[int, int, float, float, float]:
    """(requests, errors, seconds, p50 ms, p99 ms) of one wrk run cycling over `paths`."""
    import tempfile

    lua = WRK_SCRIPT % ", ".join(f'"{p}"' for p in paths)
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as f:
        f.write(lua)
    try:
        cmd = ["wrk", "-t", "2", "-c", str(clients), "-d", f"{seconds}s", "-s", f.name, base]
        out = subprocess.run(cmd, capture_output=True, text=True, timeout=seconds + 60).stdout
    finally:
        os.unlink(f.name)
    line = next(x for x in out.splitlines() if x.startswith("RESULT"))
    n, err, us, p50, p99 = line.split()[1:]
    return int(n), int(err), int(us) / 1e6, float(p50), float(p99)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--db", type=Path, default=Path(os.environ.get("CYBERSTATE_DB", "cyberstate.db")))
    ap.add_argument("--clients", type=int, default=20)
    ap.add_argument("--requests", type=int, default=1500)
    ap.add_argument("--seed", type=int, default=14)
    ap.add_argument("--seconds", type=int, default=10, help="length of each wrk run")
    a = ap.parse_args()
    if not a.db.exists():
        sys.exit(f"error: {a.db} not found (run `make run` first, or give --db)")
    tg = targets(a.db)
    print(f"store {a.db}: {len(tg['entity'])} China-nexus groups, {len(tg['province'])} provinces")
    every = [(k, f"/api/{k}/{quote(x, safe='')}") for k, xs in tg.items() for x in xs]
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    cmd = [sys.executable, "-m", "cyberstate", "--db", str(a.db), "serve", "--port", str(port)]
    server = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(base + "/api/stats", timeout=5).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline or server.poll() is not None:
                sys.exit("error: the server did not start")
            time.sleep(0.2)
        cold, cold_err = asyncio.run(load(base, every, 1))
        rnd = random.Random(a.seed)
        urls = [rnd.choice(every) for _ in range(a.requests)]
        runs = {}
        if shutil.which("wrk"):
            for k in ("entity", "chain", "province"):
                runs[k] = wrk(base, [u for kind, u in every if kind == k], a.clients, a.seconds)
        else:
            t0 = time.perf_counter()
            warm, errors = asyncio.run(load(base, urls, a.clients))
            wall = time.perf_counter() - t0
    finally:
        server.terminate()
        server.wait(10)
    peer: dict[str, list[float]] = {}
    with Service.open(a.db) as svc:
        ask = {"entity": svc.show, "chain": svc.chain, "province": svc.province}
        for kind, url in every:  # warm the peer's views the same way
            ask[kind](url.rsplit("/", 1)[1])
        for kind, url in urls:
            t = time.perf_counter()
            ask[kind](url.rsplit("/", 1)[1])
            peer.setdefault(kind, []).append(time.perf_counter() - t)
    print(f"cold pass, 1 client, every URL once: {sum(len(v) for v in cold.values())} requests, {cold_err} errors")
    for k, xs in cold.items():
        print(f"  {k:<9} p50 {pct(xs, 50):7.1f} ms   p99 {pct(xs, 99):7.1f} ms")
    if runs:
        print(f"load: wrk, {a.clients} connections, {a.seconds} s per endpoint, cycling over its URLs")
        print(f"  {'endpoint':<9} {'p50 ms':>8} {'p99 ms':>8} {'req/s':>7} errors   in-process p50/p99 ms   p99 ratio")
        for k, (n, err, secs, p50, p99) in runs.items():
            ps = peer[k]
            print(
                f"  {k:<9} {p50:8.1f} {p99:8.1f} {n / secs:7.0f} {err:6d}   {pct(ps, 50):8.2f} / {pct(ps, 99):8.2f}"
                f"   {p99 / max(pct(ps, 99), 1e-3):8.1f}x"
            )
        print("  (target p99 < 100 ms, no errors)")
        return
    n = sum(len(v) for v in warm.values())
    print(f"load: {a.clients} concurrent clients, {n} requests in {wall:.1f} s ({n / wall:.0f} req/s), {errors} errors")
    print(f"  {'endpoint':<9} {'p50 ms':>8} {'p99 ms':>8}   in-process p50/p99 ms   p99 ratio")
    for k in ("entity", "chain", "province"):
        xs, ps = warm.get(k, []), peer.get(k, [])
        if xs:
            ratio = pct(xs, 99) / max(pct(ps, 99), 1e-3)
            print(
                f"  {k:<9} {pct(xs, 50):8.1f} {pct(xs, 99):8.1f}   {pct(ps, 50):8.2f} / {pct(ps, 99):8.2f}"
                f"   {ratio:8.1f}x"
            )
    print(
        f"  all       {pct([x for v in warm.values() for x in v], 50):8.1f} "
        f"{pct([x for v in warm.values() for x in v], 99):8.1f}   (target p99 < 100 ms, no errors)"
    )
    print(f"(mean in-process per question {statistics.mean([x for v in peer.values() for x in v]) * 1000:.2f} ms)")


if __name__ == "__main__":
    main()
