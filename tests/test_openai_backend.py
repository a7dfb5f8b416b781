"""OpenAIChatModel through the real `openai` SDK against the fake server; settings loading."""

from __future__ import annotations

import json
import socket
from pathlib import Path

import openai
import platformdirs
import pytest

from serp_core.llm.base import (
    ImagesRejected,
    ModelError,
    ModelUnavailable,
    TokenCount,
    image_part,
    text_part,
)
from serp_core.llm.openai_backend import OpenAIChatModel
from serp_core.settings import Settings, load_settings
from tests.fake_openai import FakeOpenAI, Reply

SECRET = "sk-test-SECRET-0123456789"
FAST_RETRY = {"retry-after-ms": "1"}  # keep SDK back-off out of the test time
SCHEMA = {
    "title": "Serp page",
    "type": "object",
    "properties": {"title": {"type": "string"}},
    "required": ["title"],
}
MSGS = [
    {"role": "system", "content": "You write search results pages."},
    {"role": "user", "content": "query: owls"},
]


def make(srv: FakeOpenAI, **kw) -> OpenAIChatModel:
    kw.setdefault("model", "fake-model")
    kw.setdefault("timeout_s", 5)
    return OpenAIChatModel(base_url=srv.base_url, **kw)


def closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def one_line(err: BaseException) -> str:
    msg = str(err)
    assert msg and "\n" not in msg, msg
    return msg


# -- streaming ---------------------------------------------------------------------------------


def test_stream_text_yields_deltas_in_order_and_records_usage(fake_openai: FakeOpenAI) -> None:
    pieces = ["Hel", "lo", ", brave", " new", " world"]
    fake_openai.reply("", chunks=pieces, usage=(11, 5))
    model = make(fake_openai)

    stream = model.stream_text(MSGS, max_tokens=64, temperature=0.2, seed=42)
    assert stream.usage == TokenCount(None, None, None)  # unknown until the stream ends
    assert list(stream) == pieces
    assert stream.usage == TokenCount(prompt_tokens=11, completion_tokens=5, cached_tokens=0)

    (sent,) = fake_openai.requests
    assert sent["stream"] is True
    assert sent["stream_options"] == {"include_usage": True}
    assert sent["seed"] == 42
    assert sent["max_tokens"] == 64
    assert sent["temperature"] == 0.2
    assert sent["model"] == "fake-model"
    assert sent["messages"] == MSGS
    assert "response_format" not in sent


def test_stream_without_usage_chunk_leaves_the_counts_unknown(fake_openai: FakeOpenAI) -> None:
    fake_openai.reply("a b c", send_usage=False)
    stream = make(fake_openai).stream_text(MSGS, max_tokens=8, temperature=0, seed=None)
    assert "".join(stream) == "a b c"
    assert stream.usage == TokenCount(None, None, None)  # unknown, never a made-up 0
    assert "seed" not in fake_openai.requests[0]


def test_stream_dropped_mid_reply_is_a_model_error(fake_openai: FakeOpenAI) -> None:
    fake_openai.reply("", chunks=["one", " two", " three", " four"], abort_after=2)
    stream = make(fake_openai, max_retries=0).stream_text(
        MSGS, max_tokens=8, temperature=0, seed=None
    )
    got = []
    with pytest.raises(ModelError) as exc:
        for d in stream:
            got.append(d)
    assert got == ["one", " two"]
    assert "dropped the reply" in one_line(exc.value)


# -- JSON --------------------------------------------------------------------------------------


def test_complete_json_sends_json_schema_response_format(fake_openai: FakeOpenAI) -> None:
    fake_openai.reply('{"title": "Owls"}', usage=(20, 6))
    out = make(fake_openai).complete_json(MSGS, SCHEMA, max_tokens=100, temperature=0, seed=7)

    assert json.loads(out.text) == {"title": "Owls"}
    assert out.usage == TokenCount(20, 6)
    (sent,) = fake_openai.requests
    assert sent["response_format"] == {
        "type": "json_schema",
        "json_schema": {"name": "Serp_page", "schema": SCHEMA, "strict": False},
    }
    assert sent["seed"] == 7
    assert not sent.get("stream")
    assert sent["messages"] == MSGS  # the schema travels in response_format only


def test_complete_json_json_object_mode_describes_schema(fake_openai: FakeOpenAI) -> None:
    fake_openai.reply('{"title": "Owls"}')
    model = make(fake_openai, json_mode="json_object")
    out = model.complete_json(MSGS, SCHEMA, max_tokens=100, temperature=0, seed=None)

    assert out.text == '{"title": "Owls"}'
    (sent,) = fake_openai.requests
    assert sent["response_format"] == {"type": "json_object"}
    system = sent["messages"][0]
    assert system["role"] == "system"
    assert system["content"].startswith(MSGS[0]["content"])
    assert json.dumps(SCHEMA) in system["content"]
    assert sent["messages"][1:] == MSGS[1:]
    assert MSGS[0]["content"] == "You write search results pages."  # caller's list untouched


def test_complete_json_none_mode_is_plain_text(fake_openai: FakeOpenAI) -> None:
    fake_openai.reply('{"title": "x"}')
    model = make(fake_openai, json_mode="none")
    model.complete_json([MSGS[1]], SCHEMA, max_tokens=10, temperature=0, seed=None)
    (sent,) = fake_openai.requests
    assert "response_format" not in sent
    assert sent["messages"][0]["role"] == "system"  # schema instruction inserted
    assert json.dumps(SCHEMA) in sent["messages"][0]["content"]


def test_default_responder_sees_the_prompt(fake_openai: FakeOpenAI) -> None:
    fake_openai.responder = lambda body: body["messages"][-1]["content"].upper()
    model = make(fake_openai)
    out = model.complete_json(MSGS, SCHEMA, max_tokens=10, temperature=0, seed=None)
    assert out.text == "QUERY: OWLS"
    assert "".join(model.stream_text(MSGS, max_tokens=10, temperature=0, seed=None)) == (
        "QUERY: OWLS"
    )


# -- retries and errors ------------------------------------------------------------------------


def test_500_then_success_is_retried(fake_openai: FakeOpenAI) -> None:
    fake_openai.error(500, "transient", headers=FAST_RETRY).reply("fine")
    out = make(fake_openai).complete_json(MSGS, SCHEMA, max_tokens=10, temperature=0, seed=None)
    assert out.text == "fine"
    assert len(fake_openai.requests) == 2


def test_429_with_retry_after_zero_then_success(fake_openai: FakeOpenAI) -> None:
    fake_openai.error(429, "slow down", retry_after="0").reply("ok then")
    stream = make(fake_openai).stream_text(MSGS, max_tokens=10, temperature=0, seed=None)
    assert "".join(stream) == "ok then"
    assert len(fake_openai.requests) == 2


def test_persistent_500_is_a_model_error_after_all_retries(fake_openai: FakeOpenAI) -> None:
    fake_openai.error(500, "the GPU caught fire", headers=FAST_RETRY, times=3)
    with pytest.raises(ModelError) as exc:
        make(fake_openai, max_retries=2).complete_json(
            MSGS, SCHEMA, max_tokens=10, temperature=0, seed=None
        )
    msg = one_line(exc.value)
    assert "HTTP 500" in msg and "the GPU caught fire" in msg and "tried 3 times" in msg
    assert "GENSERP_JSON_MODE=json_object" in msg  # the llama-cpp-python json_schema hint
    assert len(fake_openai.requests) == 3
    assert not isinstance(exc.value, ModelUnavailable)


def test_connection_refused_is_model_unavailable() -> None:
    url = f"http://127.0.0.1:{closed_port()}/v1"
    model = OpenAIChatModel(base_url=url, model="m", max_retries=0, timeout_s=2)
    with pytest.raises(ModelUnavailable) as exc:
        model.stream_text(MSGS, max_tokens=10, temperature=0, seed=None)
    assert one_line(exc.value) == (
        f"unreachable: cannot reach the model endpoint at {url} (connection refused)")


def test_timeout_is_model_unavailable(fake_openai: FakeOpenAI) -> None:
    # Decision: a timeout (after the SDK's own retries) means the endpoint is hung or far too
    # slow for this timeout; every further call would wait just as long, so the run stops with
    # a hint to raise timeout_s instead of crawling through fallbacks.
    fake_openai.reply("too late", delay=3).reply("too late", delay=3)
    model = make(fake_openai, timeout_s=0.3, max_retries=0)
    with pytest.raises(ModelUnavailable) as exc:
        model.complete_json(MSGS, SCHEMA, max_tokens=10, temperature=0, seed=None)
    assert "did not answer within 0.3 s" in one_line(exc.value)
    with pytest.raises(ModelUnavailable):
        model.stream_text(MSGS, max_tokens=10, temperature=0, seed=None)


def test_rejected_key_is_unavailable_and_key_never_leaks(fake_openai: FakeOpenAI) -> None:
    fake_openai.api_key = "the-right-key"
    model = make(fake_openai, api_key=SECRET)
    assert SECRET not in repr(model) and SECRET not in str(model)
    with pytest.raises(ModelUnavailable) as exc:
        model.stream_text(MSGS, max_tokens=10, temperature=0, seed=None)
    msg = one_line(exc.value)
    assert "rejected the API key" in msg
    assert SECRET not in msg
    assert fake_openai.log[-1].headers["authorization"] == f"Bearer {SECRET}"  # it was sent


def test_server_echoing_the_key_is_scrubbed(fake_openai: FakeOpenAI) -> None:
    fake_openai.error(400, f"bad request from key {SECRET}")
    model = make(fake_openai, api_key=SECRET, max_retries=0)
    with pytest.raises(ModelError) as exc:
        model.complete_json(MSGS, SCHEMA, max_tokens=10, temperature=0, seed=None)
    assert SECRET not in str(exc.value) and "HTTP 400" in str(exc.value)


def test_unknown_model_and_wrong_base_url(fake_openai: FakeOpenAI) -> None:
    fake_openai.models = ["fake-model"]
    model = make(fake_openai, model="nope")
    with pytest.raises(ModelUnavailable) as exc:
        model.stream_text(MSGS, max_tokens=10, temperature=0, seed=None)
    assert one_line(exc.value) == f"unknown model: model 'nope' not found at {fake_openai.base_url}"

    no_v1 = OpenAIChatModel(base_url=fake_openai.base_url.removesuffix("/v1"), model="fake-model")
    with pytest.raises(ModelUnavailable) as exc:
        no_v1.complete_json(MSGS, SCHEMA, max_tokens=10, temperature=0, seed=None)
    assert "usually end in /v1" in one_line(exc.value)


def test_openai_default_url_without_key_fails_fast() -> None:
    with pytest.raises(ModelUnavailable) as exc:
        OpenAIChatModel(model="gpt-4o-mini", api_key=None, base_url=None)
    assert "OPENAI_API_KEY" in one_line(exc.value)


def test_fake_server_lists_models(fake_openai: FakeOpenAI) -> None:
    fake_openai.models = ["a", "b"]
    client = openai.OpenAI(base_url=fake_openai.base_url, api_key="x", max_retries=0)
    assert [m.id for m in client.models.list()] == ["a", "b"]
    fake_openai.push(Reply(status=503, error={"message": "down"}))
    assert fake_openai.pending == 1



# -- image parts -------------------------------------------------------------------------------

PNG = b"\x89PNG\r\n\x1a\n" + bytes(32)


@pytest.mark.parametrize("status, message", [
    (400, "Invalid content type. image_url is only supported by certain models."),  # OpenAI
    (400, "fake-model is not a multimodal model"),  # vLLM
    (500, "image input is not supported - hint: you may need to provide the mmproj"),  # llama.cpp
])
def test_a_refused_image_is_images_rejected(fake_openai: FakeOpenAI, status: int,
                                            message: str) -> None:
    fake_openai.error(status, message, headers={"x-should-retry": "false"})
    with pytest.raises(ImagesRejected) as e:
        make(fake_openai, max_retries=0).complete_json(
            [MSGS[0], {"role": "user", "content": [text_part("score this"), image_part(PNG)]}],
            SCHEMA, max_tokens=10, temperature=0, seed=0)
    assert str(e.value) == (f"model 'fake-model' at {fake_openai.base_url} does not take "
                            f"images (HTTP {status}: {message})")
    (body,) = fake_openai.requests
    image = body["messages"][1]["content"][1]["image_url"]
    assert image["url"].startswith("data:image/png;base64,") and image["detail"] == "auto"


def test_the_same_error_on_a_text_call_is_an_ordinary_model_error(fake_openai: FakeOpenAI):
    fake_openai.error(400, "image_url is only supported by certain models")
    with pytest.raises(ModelError) as e:
        make(fake_openai, max_retries=0).complete_json(MSGS, SCHEMA, max_tokens=10,
                                                        temperature=0, seed=0)
    assert not isinstance(e.value, ImagesRejected)

# -- settings ----------------------------------------------------------------------------------

ENV_NAMES = [
    "GENSERP_SETTINGS",
    "GENSERP_BACKEND",
    "GENSERP_BASE_URL",
    "OPENAI_BASE_URL",
    "OPENAI_API_KEY",
    "GENSERP_MODEL",
    "GENSERP_JSON_MODE",
    "GENSERP_DATA_DIR",
    "GENSERP_TIMEOUT",
    "GENSERP_MAX_RETRIES",
]


@pytest.fixture
def clean_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> pytest.MonkeyPatch:
    for name in ENV_NAMES:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("GENSERP_DATA_DIR", str(tmp_path))  # never read the user's real file
    return monkeypatch


def test_settings_defaults(clean_env: pytest.MonkeyPatch) -> None:
    clean_env.delenv("GENSERP_DATA_DIR")
    s = Settings()
    assert s.backend is None and s.resolved_backend == "local"
    assert s.json_mode == "json_schema" and s.timeout_s == 60 and s.max_retries == 2
    assert s.data_dir == Path(platformdirs.user_data_dir("genserp"))
    assert s.openai_model == "gpt-4o-mini"


def test_settings_precedence_file_env_overrides(clean_env: pytest.MonkeyPatch, tmp_path: Path):
    (tmp_path / "settings.toml").write_text(
        'model = "from-file"\njson_mode = "json_object"\ntimeout_s = 5\n'
        'base_url = "http://127.0.0.1:1/v1"\n'
    )
    s = load_settings()
    assert (s.model, s.json_mode, s.timeout_s) == ("from-file", "json_object", 5)
    assert s.data_dir == tmp_path

    clean_env.setenv("GENSERP_MODEL", "from-env")
    clean_env.setenv("GENSERP_TIMEOUT", "7.5")
    s = load_settings()
    assert (s.model, s.json_mode, s.timeout_s) == ("from-env", "json_object", 7.5)

    s = load_settings({"model": "from-flag", "timeout_s": None, "json_mode": "none"})
    assert (s.model, s.json_mode, s.timeout_s) == ("from-flag", "none", 7.5)


def test_settings_file_from_genserp_settings(clean_env: pytest.MonkeyPatch, tmp_path: Path):
    path = tmp_path / "elsewhere.toml"
    path.write_text('backend = "openai"\nmax_retries = 0\n')
    clean_env.setenv("GENSERP_SETTINGS", str(path))
    s = load_settings()
    assert s.backend == "openai" and s.max_retries == 0

    clean_env.setenv("GENSERP_SETTINGS", str(tmp_path / "missing.toml"))
    with pytest.raises(ValueError, match="does not exist"):
        load_settings()


def test_settings_base_url_and_key_from_env(clean_env: pytest.MonkeyPatch) -> None:
    clean_env.setenv("OPENAI_BASE_URL", "http://127.0.0.1:2/v1")
    assert load_settings().base_url == "http://127.0.0.1:2/v1"
    clean_env.setenv("GENSERP_BASE_URL", "http://127.0.0.1:3/v1")
    assert load_settings().base_url == "http://127.0.0.1:3/v1"  # GENSERP_ wins

    clean_env.setenv("OPENAI_API_KEY", SECRET)
    s = load_settings()
    assert s.api_key is not None and s.api_key.get_secret_value() == SECRET
    assert "api_key" not in s.model_dump()
    assert SECRET not in repr(s) and SECRET not in s.model_dump_json()


def test_auto_backend_selection(clean_env: pytest.MonkeyPatch) -> None:
    assert load_settings().resolved_backend == "local"
    clean_env.setenv("OPENAI_API_KEY", SECRET)
    assert load_settings().resolved_backend == "openai"
    assert load_settings({"backend": "local"}).resolved_backend == "local"
    clean_env.delenv("OPENAI_API_KEY")
    assert load_settings({"base_url": "http://127.0.0.1:4/v1"}).resolved_backend == "openai"
    clean_env.setenv("GENSERP_BACKEND", "auto")
    assert load_settings().backend is None


def test_unknown_backend_is_one_clear_line(clean_env: pytest.MonkeyPatch) -> None:
    clean_env.setenv("GENSERP_BACKEND", "ollama")
    with pytest.raises(ValueError) as exc:
        load_settings()
    assert one_line(exc.value) == "unknown backend 'ollama': expected 'local', 'openai' or 'auto'"
    clean_env.delenv("GENSERP_BACKEND")
    with pytest.raises(ValueError, match="^unknown json_mode 'xml'"):
        load_settings({"json_mode": "xml"})
    with pytest.raises(ValueError) as exc:
        load_settings({"timeout_s": "soon"})
    assert one_line(exc.value).startswith("invalid setting timeout_s:")


def test_bad_settings_file_is_one_clear_line(clean_env: pytest.MonkeyPatch, tmp_path: Path):
    (tmp_path / "settings.toml").write_text('modle = "typo"\n')
    with pytest.raises(ValueError) as exc:
        load_settings()
    assert one_line(exc.value).startswith("unknown setting 'modle'")
    (tmp_path / "settings.toml").write_text("model = \n")
    with pytest.raises(ValueError, match="not valid TOML"):
        load_settings()


def test_model_from_settings(clean_env: pytest.MonkeyPatch, fake_openai: FakeOpenAI) -> None:
    clean_env.setenv("GENSERP_BASE_URL", fake_openai.base_url)
    clean_env.setenv("GENSERP_JSON_MODE", "json_object")
    model = OpenAIChatModel.from_settings(load_settings({"timeout_s": 5}))
    assert model.name == "gpt-4o-mini" and model.json_mode == "json_object"
    fake_openai.reply("{}")
    assert model.complete_json(MSGS, SCHEMA, max_tokens=5, temperature=0, seed=None).text == "{}"
    assert fake_openai.requests[0]["response_format"] == {"type": "json_object"}


def test_credentials_in_the_base_url_never_reach_messages():
    from serp_core.settings import public_url

    assert public_url("https://bob:s3cret@host.example:8443/v1?api-key=abc") == \
        "https://host.example:8443/v1"
    model = OpenAIChatModel(base_url="http://bob:s3cret@127.0.0.1:9/v1?api-key=abc",
                            model="m", api_key="k", max_retries=0, timeout_s=2)
    with pytest.raises(ModelUnavailable) as err:
        model.complete_json([{"role": "user", "content": "hi"}], {"type": "object"},
                            max_tokens=4, temperature=0, seed=None)
    for text in (str(err.value), repr(model)):
        assert "s3cret" not in text and "api-key" not in text and "127.0.0.1:9" in text
