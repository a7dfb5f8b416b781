"""The process's log: `<data dir>/genserp.log`, rotated, where tracebacks go instead of the
user's terminal or page. Known secrets (API keys) are masked in every line written.

Set up once per process by Workspace.open (the command line, the app and experiments all
open one); opening another data directory moves the log there.
"""

from __future__ import annotations

import logging
import re
import threading
from logging.handlers import RotatingFileHandler
from pathlib import Path

LOG_NAME = "genserp.log"
MAX_BYTES = 5 * 1024 * 1024
BACKUPS = 3
_FORMAT = "%(asctime)s %(levelname)s %(name)s [%(threadName)s]: %(message)s"
_secrets: set[str] = set()
_lock = threading.Lock()
# What a key looks like even when we were not told it (OpenAI's sk-..., a bearer token).
_KEYLIKE = re.compile(r"\bsk-[A-Za-z0-9_\-]{8,}|(?<=Bearer )[A-Za-z0-9._\-]{8,}")


def keep_secret(secret: str | None) -> None:
    """Mask this string wherever it would be logged (too short a string is not masked)."""
    if secret and len(secret) >= 4:
        with _lock:
            _secrets.add(secret)


def scrub(text: str) -> str:
    with _lock:
        secrets = sorted(_secrets, key=len, reverse=True)
    for secret in secrets:
        text = text.replace(secret, "***")
    return _KEYLIKE.sub("***", text)


class _Scrubbing(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        return scrub(super().format(record))


class _Handler(RotatingFileHandler):
    """Ours, so setting up again replaces it rather than adding a second one."""


def setup(data_dir: Path) -> Path:
    """Send the process's log (INFO and up) to the data directory's file, and nothing to
    the terminal (Python's last-resort handler prints tracebacks to stderr when the root
    logger has none)."""
    path = data_dir / LOG_NAME
    root = logging.getLogger()
    for handler in [h for h in root.handlers if isinstance(h, _Handler)]:
        if Path(handler.baseFilename) == path.resolve():
            return path
        root.removeHandler(handler)
        handler.close()
    data_dir.mkdir(parents=True, exist_ok=True)
    handler = _Handler(path, maxBytes=MAX_BYTES, backupCount=BACKUPS, encoding="utf-8",
                       delay=True)
    handler.setFormatter(_Scrubbing(_FORMAT))
    handler.setLevel(logging.INFO)
    root.addHandler(handler)
    if root.level > logging.INFO or root.level == logging.NOTSET:
        root.setLevel(logging.INFO)
    for noisy in ("httpx", "httpcore", "openai"):  # a line per request, with its URL
        logging.getLogger(noisy).setLevel(logging.WARNING)
    return path
