"""Benchmark: the same runs in the app (watched in a real Chromium) and on the command line.

    .venv/bin/python -m benchmarks.app_vs_cli [--queries 3] [--repeat 1] [--beam 3] [--background]

Each query runs on the command line, then in the app (the machine's speed drifts). The
command line is `python -m serp_core generate`; the app is `streamlit run serve.py` on a free
port of 127.0.0.1, driven by Playwright: type the query, press Run, wait for "Done in" while
the page shows the run live (or, with --background, while the tab is in the background). Both sides
store the run, so the run's own time (run.timings.total, measured inside the engine) is
compared, and so is the wall time a person waits (process start to exit; click to "Done
in"). Prints the figures and the app/CLI ratios, and the CPU each side spends per run (on
Linux): the CLI process; the app's server process (the run included) and the browser, whose
CPU is taken from the model's cores; and each run's work (prompt tokens evaluated + tokens
generated), which tells a slower run from one that did more.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from benchmarks.generate_local import pick_queries
from serp_core.store import RunStore

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = "/usr/bin/chromium"


def env_for(data: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GENSERP_", "OPENAI_"))}
    return env | {"GENSERP_DATA_DIR": str(data), "GENSERP_BACKEND": "local"}


def cpu_s(pids: list[int]) -> float:
    """User and system CPU seconds of these processes so far (0 where /proc is missing)."""
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])
    return total / os.sysconf("SC_CLK_TCK")


def browser_pids() -> list[int]:
    """Every Chromium process: the watching browser's (renderers, GPU, utilities) and, from
    the second run on, the app's own warm one for screenshots."""
    pids = []
    for proc in Path("/proc").glob("[0-9]*"):
        try:
            if b"chrom" in (proc / "cmdline").read_bytes().split(b"\0")[0]:
                pids.append(int(proc.name))
        except OSError:
            continue
    return pids


def children_cpu_s() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def work(usage: dict) -> str:
    """The model's work in a run: prompt tokens evaluated (not served from cache) + tokens
    generated. Runs of one query can differ in it (a warm cache, another sampled path), and a
    ratio of times means little when they do."""
    return f"{usage['prompt_tokens'] - usage['cached_tokens']}+{usage['completion_tokens']}"


def cli_run(query: str, beam: int, data: Path,
            server_pid: int) -> tuple[float, float, float, str, tuple[float, float]]:
    """Wall time, run time, CPU seconds and work of one command-line run, and the CPU seconds
    the idle app and browsers spent meanwhile (they would slow it down)."""
    out = data / "out" / str(abs(hash(query)))
    browsers = browser_pids()
    started, cpu = time.perf_counter(), children_cpu_s()
    others_cpu = cpu_s([server_pid]), cpu_s(browsers)
    subprocess.run([sys.executable, "-m", "serp_core", "generate", query, "--beam", str(beam),
                    "--out", str(out), "--quiet"], cwd=ROOT, env=env_for(data), check=True,
                   stdout=subprocess.DEVNULL)
    wall = time.perf_counter() - started
    result = json.loads((out / "result.json").read_text())
    return (wall, result["timings"]["total"], children_cpu_s() - cpu, work(result["usage"]),
            (cpu_s([server_pid]) - others_cpu[0], cpu_s(browsers) - others_cpu[1]))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_app(data: Path) -> tuple[subprocess.Popen, str]:
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "serve.py", "--server.headless", "true",
         "--server.address", "127.0.0.1", "--server.port", str(port),
         "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none"],
        cwd=ROOT, env=env_for(data), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    for _ in range(120):
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as r:
                if r.read() == b"ok":
                    return server, url
        except OSError:
            time.sleep(0.5)
    server.kill()
    raise SystemExit("streamlit did not start")


def app_run(page, url: str, query: str, beam: int, store: RunStore, server_pid: int,
            background: bool = False) -> tuple[float, float, float, float, str]:
    """Wall time, run time, server CPU seconds, browser CPU seconds and work of one run in
    the app."""
    page.goto(url)
    page.wait_for_selector("[data-test-script-state=notRunning]", state="attached")
    page.get_by_label("Query", exact=True).fill(query)
    field = page.get_by_label("Beam width", exact=True)
    field.fill(str(beam))
    field.press("Tab")
    started = time.perf_counter()
    browser = browser_pids()
    cpu = cpu_s([server_pid]), cpu_s(browser)
    page.get_by_role("button", name="Run").click()
    if background:
        in_background(page, store)
    page.get_by_text("Done in").wait_for(timeout=600_000)
    wall = time.perf_counter() - started
    server_cpu, browser_cpu = cpu_s([server_pid]) - cpu[0], cpu_s(browser) - cpu[1]
    run_id = page.url.split("run=")[1].split("&")[0]
    run = store.get(run_id)
    return wall, run.timings["total"], server_cpu, browser_cpu, work(run.usage.model_dump())


def in_background(page, store: RunStore) -> None:
    """Once the run shows, the tab goes to the background until the run ends: the page is
    told it is hidden (the app drops its timers, ui.visibility), then frozen, as a browser
    stops drawing a background tab (headless Chromium would go on drawing it)."""
    page.locator(".genserp-reasoning-gather").wait_for(timeout=600_000)
    set_visibility(page, "hidden")
    page.wait_for_timeout(500)  # the rerun that drops the timers
    cdp = page.context.new_cdp_session(page)
    cdp.send("Page.setWebLifecycleState", {"state": "frozen"})
    while store.list()[0].status in ("queued", "running"):
        time.sleep(0.25)
    cdp.send("Page.setWebLifecycleState", {"state": "active"})
    set_visibility(page, "visible")


def set_visibility(page, state: str) -> None:
    page.evaluate("""(state) => {
        Object.defineProperty(document, 'visibilityState', {value: state, configurable: true});
        document.dispatchEvent(new Event('visibilitychange'));
    }""", state)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--queries", type=int, default=3)
    ap.add_argument("--beam", type=int, default=3)
    ap.add_argument("--repeat", type=int, default=1, help="run each query this many times")
    ap.add_argument("--background", action="store_true",
                    help="the tab goes to the background while the run goes on")
    args = ap.parse_args()
    from playwright.sync_api import sync_playwright

    queries = pick_queries(args.queries) * args.repeat
    data = Path(tempfile.mkdtemp())
    server, url = start_app(data)
    cli, app = [], []
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(
                executable_path=CHROMIUM if Path(CHROMIUM).exists() else None,
                args=["--no-sandbox", "--disable-background-networking", "--disable-gpu"])
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            store = RunStore(data / "runs.sqlite")
            # Side by side, query by query: this machine's speed drifts by a third within
            # minutes, and all CLI runs before all app runs would measure the drift. The first
            # pair warms up (the app loads the model on its first run).
            for n, q in enumerate([queries[0], *queries]):
                pair = (cli_run(q, args.beam, data, server.pid),
                        app_run(page, url, q, args.beam, store, server.pid, args.background))
                if n:
                    cli.append(pair[0])
                    app.append(pair[1])
            browser.close()
    finally:
        server.terminate()
        server.wait(timeout=30)
    print(f"{'query':<36} {'CLI wall':>9} {'CLI run':>8} {'CLI CPU':>8} {'CLI work':>10} "
          f"{'app wall':>9} {'app run':>8} {'server CPU':>11} {'browser CPU':>12} "
          f"{'app work':>10}")
    for q, (cw, cr, cc, ck, _), (aw, ar, sc, bc, ak) in zip(queries, cli, app, strict=True):
        print(f"{q[:36]:<36} {cw:9.2f} {cr:8.2f} {cc:8.1f} {ck:>10} {aw:9.2f} {ar:8.2f} "
              f"{sc:11.1f} {bc:12.1f} {ak:>10}")
    print("work: prompt tokens evaluated + tokens generated")
    med = statistics.median
    print(f"median: CLI wall {med(c[0] for c in cli):.2f} s, run {med(c[1] for c in cli):.2f} s; "
          f"app wall {med(a[0] for a in app):.2f} s, run {med(a[1] for a in app):.2f} s")
    print(f"CPU per run (median): CLI {med(c[2] for c in cli):.1f} s; app server "
          f"{med(a[2] for a in app):.1f} s, browser {med(a[3] for a in app):.1f} s; "
          f"while the CLI ran, the idle app server {med(c[4][0] for c in cli):.1f} s and "
          f"browser {med(c[4][1] for c in cli):.1f} s")
    print(f"app/CLI, run time: {med(a[1] / c[1] for a, c in zip(app, cli, strict=True)):.2f}; "
          f"wall (click to done / process): "
          f"{med(a[0] / c[0] for a, c in zip(app, cli, strict=True)):.2f}")


if __name__ == "__main__":
    main()
