"""Which processes are alive to run runs: each process that runs runs for a data directory
holds an exclusive lock (fcntl.flock) on its own file, `<data dir>/workers/<pid>-<uuid>.lock`,
for as long as it lives, and every run records the id of the worker that runs it
(Run.worker). The kernel drops a dead process's locks, however it died (kill -9 too), so a
run whose worker's file is not locked was left behind by a crash (RunStore.recover).
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import threading
import uuid
from pathlib import Path
from typing import IO

_held: dict[Path, tuple[str, IO[bytes]]] = {}  # workers dir -> this process's id and file
_lock = threading.Lock()


def folder(data_dir: Path) -> Path:
    return data_dir / "workers"


def current(data_dir: Path) -> str:
    """This process's worker id for the data directory, its lock taken on first use."""
    where = folder(data_dir).resolve()
    with _lock:
        held = _held.get(where)
        if held is not None and held[1].closed is False and _pid_of(held[0]) == os.getpid():
            return held[0]
        where.mkdir(parents=True, exist_ok=True)
        worker = f"{os.getpid()}-{uuid.uuid4().hex[:12]}"
        # Locked under another name, then renamed (the lock stays with the file): `sweep` in
        # another process never sees an unlocked .lock file of a live worker.
        temp = where / f"{worker}.tmp"
        file = temp.open("wb")  # kept open: the lock lives with it
        fcntl.flock(file, fcntl.LOCK_EX | fcntl.LOCK_NB)
        temp.rename(where / f"{worker}.lock")
        _held[where] = (worker, file)
        return worker


def alive(data_dir: Path, worker: str) -> bool:
    """Whether a live process holds that worker's lock (an unknown worker is not alive)."""
    where = folder(data_dir).resolve()
    with _lock:
        held = _held.get(where)
        if held is not None and held[0] == worker and _pid_of(worker) == os.getpid():
            return True  # ours: flock on a second file handle would only block ourselves
    if not worker or "/" in worker:
        return False
    path = where / f"{worker}.lock"
    try:
        file = path.open("rb")
    except FileNotFoundError:
        return False
    with file:
        try:
            fcntl.flock(file, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return True
        fcntl.flock(file, fcntl.LOCK_UN)
    return False


def sweep(data_dir: Path) -> None:
    """Remove the lock files of workers that are gone."""
    where = folder(data_dir)
    if not where.is_dir():
        return
    for path in where.glob("*.lock"):
        if not alive(data_dir, path.stem):
            with contextlib.suppress(OSError):
                path.unlink()


def _pid_of(worker: str) -> int:
    try:
        return int(worker.split("-", 1)[0])
    except ValueError:
        return -1
