"""A real HTTP server speaking enough of the OpenAI API for tests and benchmarks.

    with FakeOpenAI() as srv:
        srv.reply("Hello world")                       # next chat call answers this text
        srv.error(500, "boom")                         # next chat call fails with HTTP 500
        srv.error(429, retry_after="0")                # ... with a Retry-After header
        srv.reply("late", delay=2.0)                   # waits 2 s before answering
        srv.reply('{"score":7}', logprobs=[...])        # with token log probabilities
        srv.responder = lambda body: "..."             # answers once the script is used up
        srv.latency = 0.05                             # added to every chat request
        model = OpenAIChatModel(base_url=srv.base_url, model="fake-model")
        ...
        srv.requests                                   # every chat request body, in order

Only ever binds 127.0.0.1. Streaming answers use SSE over chunked transfer encoding.
"""

from __future__ import annotations

import contextlib
import json
import re
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from serp_core.llm.openai_backend import OpenAIChatModel

__all__ = ["FakeOpenAI", "Recorded", "Reply"]


@dataclass
class Reply:
    """One scripted answer to a chat completions request."""

    text: str = ""
    status: int = 200  # != 200: an error response carrying `error`
    error: dict[str, Any] | None = None  # the JSON error object (wrapped as {"error": ...})
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0  # seconds before the response headers are sent
    chunks: list[str] | None = None  # how to split `text` when streaming (default: word-ish)
    chunk_delay: float | None = None  # seconds between stream chunks (None: server default)
    usage: tuple[int, int] | None = None  # (prompt, completion) tokens; None: estimated
    send_usage: bool = True  # False: act like servers that never send usage
    finish_reason: str = "stop"
    abort_after: int | None = None  # streaming: drop the connection after this many chunks
    cut_after: int | None = None  # streaming: after this many chunks, half an event, then
    # the body ends cleanly (no finish_reason, no [DONE]): a truncated SSE stream
    body: str | None = None  # sent as the whole 200 body instead of a completion (garbage)
    # Chat Completions' choice.logprobs.content, sent when the request asks for logprobs:
    # [{"token": "7", "logprob": -0.7, "top_logprobs": [{"token": "9", "logprob": -0.7}]}]
    logprobs: list[dict[str, Any]] | None = None


@dataclass
class Recorded:
    method: str
    path: str
    headers: dict[str, str]  # names lower-cased
    body: Any


Responder = Callable[[dict[str, Any]], "str | Reply"]


def _default_responder(body: dict[str, Any]) -> str:
    return "ok"


def _split(text: str) -> list[str]:
    return re.findall(r"\s*\S+\s*|\s+", text) or [text]


def _estimate_tokens(body: dict[str, Any]) -> int:
    total = 0
    for m in body.get("messages") or []:
        content = m.get("content") if isinstance(m, dict) else None
        if isinstance(content, str):
            total += len(content.split())
    return total


class FakeOpenAI:
    def __init__(self, *, latency: float = 0.0, chunk_delay: float = 0.0) -> None:
        self.latency = latency  # seconds added before every chat completions answer
        self.chunk_delay = chunk_delay  # seconds between stream chunks, unless a Reply says
        self.responder: Responder = _default_responder
        self.models: list[str] | None = None  # if set, other model names get HTTP 404
        self.api_key: str | None = None  # if set, other bearer tokens get HTTP 401
        self.log: list[Recorded] = []  # every request, any path
        self.requests: list[dict[str, Any]] = []  # chat completions request bodies, in order
        self._script: deque[Reply] = deque()
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    # -- scripting --------------------------------------------------------------------------

    def push(self, *replies: Reply) -> FakeOpenAI:
        with self._lock:
            self._script.extend(replies)
        return self

    def reply(self, text: str, **kw: Any) -> FakeOpenAI:
        """Queue a successful answer (`Reply` fields as keywords: delay, chunks, usage, ...)."""
        return self.push(Reply(text=text, **kw))

    def error(
        self,
        status: int,
        message: str = "scripted error",
        *,
        retry_after: str | None = None,
        code: str | None = None,
        headers: dict[str, str] | None = None,
        delay: float = 0.0,
        times: int = 1,
    ) -> FakeOpenAI:
        """Queue `times` HTTP error responses with an OpenAI-style JSON error body."""
        hdrs = dict(headers or {})
        if retry_after is not None:
            hdrs["Retry-After"] = retry_after
        err = {"message": message, "type": "fake_error", "param": None, "code": code}
        return self.push(
            *(Reply(status=status, error=err, headers=hdrs, delay=delay) for _ in range(times))
        )

    @property
    def pending(self) -> int:
        with self._lock:
            return len(self._script)

    # -- lifecycle --------------------------------------------------------------------------

    @property
    def base_url(self) -> str:
        assert self._server is not None, "server not started"
        return f"http://127.0.0.1:{self._server.server_address[1]}/v1"

    def chat_model(self, **settings: Any) -> OpenAIChatModel:
        """The official-SDK backend pointed at this server; no retries, so a failure shows."""
        return OpenAIChatModel(base_url=self.base_url, **{
            "model": "fake", "api_key": "k", "max_retries": 0, "timeout_s": 10, **settings})

    def start(self) -> FakeOpenAI:
        handler = type("Handler", (_Handler,), {"fake": self})
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()  # wakes handlers sleeping in a delay
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)
        self._server = self._thread = None

    def __enter__(self) -> FakeOpenAI:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # -- used by the handler ----------------------------------------------------------------

    def _sleep(self, seconds: float) -> bool:
        """Sleep unless the server stops first; True if it is still running."""
        return seconds <= 0 or not self._stop.wait(seconds)

    def _next_reply(self, body: dict[str, Any]) -> Reply:
        with self._lock:
            scripted = self._script.popleft() if self._script else None
        if scripted is not None:
            return scripted
        out = self.responder(body)
        return out if isinstance(out, Reply) else Reply(text=str(out))


class _Handler(BaseHTTPRequestHandler):
    fake: FakeOpenAI
    protocol_version = "HTTP/1.1"
    # Headers and body go out as two writes; with Nagle on, each JSON reply waited ~40 ms
    # for the client's delayed ACK.
    disable_nagle_algorithm = True

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
        pass

    def handle(self) -> None:
        # OSError: the client gave up (e.g. its timeout); there is nobody left to answer.
        with contextlib.suppress(OSError):
            super().handle()

    # -- routing ----------------------------------------------------------------------------

    def do_GET(self) -> None:
        self._record(None)
        if self.path.rstrip("/") == "/v1/models":
            names = self.fake.models or ["fake-model"]
            data = [{"id": n, "object": "model", "created": 0, "owned_by": "fake"} for n in names]
            self._json(200, {"object": "list", "data": data})
        else:
            self._json(404, {"error": {"message": f"no route {self.path}", "type": "not_found"}})

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length) if length else b""
        try:
            body = json.loads(raw or b"{}")
        except ValueError:
            self._record(raw.decode("utf-8", "replace"))
            self._json(400, {"error": {"message": "body is not JSON", "type": "bad_request"}})
            return
        self._record(body)
        if self.path.rstrip("/") != "/v1/chat/completions":
            self._json(404, {"error": {"message": f"no route {self.path}", "type": "not_found"}})
            return
        with self.fake._lock:
            self.fake.requests.append(body)
        self._chat(body)

    def _record(self, body: Any) -> None:
        headers = {k.lower(): v for k, v in self.headers.items()}
        rec = Recorded(self.command, self.path, headers, body)
        with self.fake._lock:
            self.fake.log.append(rec)

    # -- chat completions -------------------------------------------------------------------

    def _chat(self, body: dict[str, Any]) -> None:
        fake = self.fake
        auth = self.headers.get("Authorization")
        if fake.api_key is not None and auth != f"Bearer {fake.api_key}":
            err = {"message": "Incorrect API key provided.", "code": "invalid_api_key"}
            self._json(401, {"error": {**err, "type": "invalid_request_error"}})
            return
        model = body.get("model", "")
        if fake.models is not None and model not in fake.models:
            err = {"message": f"The model `{model}` does not exist.", "code": "model_not_found"}
            self._json(404, {"error": {**err, "type": "invalid_request_error"}})
            return

        try:
            reply = fake._next_reply(body)
        except Exception as e:  # a broken test responder: say so rather than hang up
            err = {"message": f"fake responder raised {type(e).__name__}: {e}", "type": "fake"}
            self._json(500, {"error": err}, {"x-should-retry": "false"})
            return
        if not fake._sleep(fake.latency + reply.delay):
            self.close_connection = True
            return
        if reply.status != 200:
            error = reply.error or {"message": f"HTTP {reply.status}", "type": "fake_error"}
            self._json(reply.status, {"error": error}, reply.headers)
            return

        if reply.body is not None:
            kind = "text/event-stream" if body.get("stream") else "application/json"
            data = reply.body.encode()
            self.send_response(200)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)
            self.wfile.flush()
            return

        prompt_tokens = _estimate_tokens(body)
        chunks = reply.chunks if reply.chunks is not None else _split(reply.text)
        text = "".join(chunks) if reply.chunks is not None else reply.text
        if reply.usage is not None:
            prompt_tokens, completion_tokens = reply.usage
        else:
            completion_tokens = len(chunks) if text else 0
        usage = {
            "prompt_tokens": prompt_tokens,
            "completion_tokens": completion_tokens,
            "total_tokens": prompt_tokens + completion_tokens,
        }
        ident = f"chatcmpl-fake-{len(fake.requests)}"
        created = int(time.time())

        if not body.get("stream"):
            payload: dict[str, Any] = {
                "id": ident,
                "object": "chat.completion",
                "created": created,
                "model": model,
                "choices": [
                    {
                        "index": 0,
                        "message": {"role": "assistant", "content": text},
                        "finish_reason": reply.finish_reason,
                        "logprobs": {"content": [
                            {"bytes": None, **t, "top_logprobs": [
                                {"bytes": None, **a} for a in t.get("top_logprobs", [])]}
                            for t in reply.logprobs]}
                        if body.get("logprobs") and reply.logprobs is not None else None,
                    }
                ],
            }
            if reply.send_usage:
                payload["usage"] = usage
            self._json(200, payload, reply.headers)
            return

        def chunk(delta: dict[str, Any], finish: str | None = None) -> dict[str, Any]:
            return {
                "id": ident,
                "object": "chat.completion.chunk",
                "created": created,
                "model": model,
                "choices": [{"index": 0, "delta": delta, "finish_reason": finish}],
            }

        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-cache")
        self.send_header("Transfer-Encoding", "chunked")
        for k, v in reply.headers.items():
            self.send_header(k, v)
        self.end_headers()

        delay = fake.chunk_delay if reply.chunk_delay is None else reply.chunk_delay
        self._event(chunk({"role": "assistant", "content": ""}))
        for i, piece in enumerate(chunks):
            if reply.cut_after is not None and i >= reply.cut_after:
                self._write_chunk(b'data: {"id": "chatcmpl-fake", "choi')
                self._write_chunk(b"")  # the body ends here, cleanly
                return
            if reply.abort_after is not None and i >= reply.abort_after:
                self.wfile.flush()
                self.close_connection = True
                self.connection.shutdown(2)  # mid-stream drop: no terminating chunk
                return
            if i and not fake._sleep(delay):
                self.close_connection = True
                return
            self._event(chunk({"content": piece}))
        self._event(chunk({}, reply.finish_reason))
        include_usage = (body.get("stream_options") or {}).get("include_usage")
        if include_usage and reply.send_usage:
            self._event({**chunk({}), "choices": [], "usage": usage})
        self._write_chunk(b"data: [DONE]\n\n")
        self._write_chunk(b"")  # end of the chunked body

    # -- low level --------------------------------------------------------------------------

    def _event(self, data: dict[str, Any]) -> None:
        self._write_chunk(b"data: " + json.dumps(data).encode() + b"\n\n")

    def _write_chunk(self, data: bytes) -> None:
        self.wfile.write(f"{len(data):x}\r\n".encode() + data + b"\r\n")
        self.wfile.flush()

    def _json(self, status: int, payload: Any, headers: dict[str, str] | None = None) -> None:
        data = json.dumps(payload).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(data)
        self.wfile.flush()
