"""Settings: defaults < settings.toml < environment variables < explicit overrides (CLI flags)."""

from __future__ import annotations

import os
import re
import tomllib
from pathlib import Path
from typing import Any, Literal
from urllib.parse import urlsplit, urlunsplit

import platformdirs
from pydantic import BaseModel, ConfigDict, Field, SecretStr, ValidationError, field_validator

DEFAULT_OPENAI_MODEL = "gpt-4o-mini"
BACKENDS = ("local", "openai")
JSON_MODES = ("json_schema", "json_object", "none")

# Environment variable -> setting; earlier names win over later ones for the same setting.
ENV_VARS: tuple[tuple[str, str], ...] = (
    ("GENSERP_BACKEND", "backend"),
    ("GENSERP_BASE_URL", "base_url"),
    ("OPENAI_BASE_URL", "base_url"),
    ("OPENAI_API_KEY", "api_key"),
    ("GENSERP_MODEL", "model"),
    ("GENSERP_JSON_MODE", "json_mode"),
    ("GENSERP_DATA_DIR", "data_dir"),
    ("GENSERP_TIMEOUT", "timeout_s"),
    ("GENSERP_MAX_RETRIES", "max_retries"),
    ("GENSERP_SEARCH", "search"),
    *((f"GENSERP_SEARCH_{tool.upper()}", f"search_{tool}") for tool in (
        "web", "images", "videos", "news", "knowledge_panel", "places", "products")),
    ("GENSERP_SEARXNG_URL", "searxng_url"),
    ("BRAVE_API_KEY", "brave_api_key"),
    ("GENSERP_WIKIPEDIA_URL", "wikipedia_url"),
    ("GENSERP_SEARCH_TIMEOUT", "search_timeout_s"),
    ("GENSERP_SEARCH_CACHE_HOURS", "search_cache_hours"),
)
_PROVIDER_LIST = re.compile(r"[a-z0-9_-]+(,[a-z0-9_-]+)*")


# The settings a search is built from (serp_core.search.composite.build_search).
SEARCH_SETTINGS = ("search", "search_web", "search_images", "search_videos", "search_news",
                   "search_knowledge_panel", "search_places", "search_products", "searxng_url",
                   "brave_api_key", "wikipedia_url", "search_timeout_s", "search_cache_hours")


def public_url(url: str) -> str:
    """A URL safe to show or store: without user:password@ and without a query string,
    where some services put their key (?api-key=...)."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    if parts.port:
        host = f"{host}:{parts.port}"
    return urlunsplit((parts.scheme, host, parts.path, "", ""))


def default_data_dir() -> Path:
    return Path(platformdirs.user_data_dir("genserp"))


class Settings(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_assignment=True)

    backend: Literal["local", "openai"] | None = None  # None: choose automatically
    base_url: str | None = None  # None: the OpenAI API
    api_key: SecretStr | None = Field(default=None, exclude=True, repr=False)
    model: str | None = None  # None: the backend's default (gpt-4o-mini for openai)
    json_mode: Literal["json_schema", "json_object", "none"] = "json_schema"
    timeout_s: float = Field(default=60.0, gt=0)
    max_retries: int = Field(default=2, ge=0)
    data_dir: Path = Field(default_factory=default_data_dir)
    # Search (serp_core.search.providers): a provider, or several in order of preference, for
    # every tool; a tool a provider cannot answer goes to the next one, then the corpus.
    search: str = "corpus"
    # Per tool, instead of `search` (None: as `search`).
    search_web: str | None = None
    search_images: str | None = None
    search_videos: str | None = None
    search_news: str | None = None
    search_knowledge_panel: str | None = None
    search_places: str | None = None
    search_products: str | None = None
    searxng_url: str | None = None
    brave_api_key: SecretStr | None = Field(default=None, exclude=True, repr=False)
    wikipedia_url: str = "https://en.wikipedia.org"
    search_timeout_s: float = Field(default=8.0, gt=0, le=120)
    search_cache_hours: float = Field(default=24.0, ge=0)  # 0: always ask the provider again

    @field_validator("backend", mode="before")
    @classmethod
    def _check_backend(cls, v: Any) -> Any:
        if isinstance(v, str):
            v = v.strip().lower()
            if v in ("", "auto"):
                return None
            if v not in BACKENDS:
                raise ValueError(f"unknown backend {v!r}: expected 'local', 'openai' or 'auto'")
        return v

    @field_validator("json_mode", mode="before")
    @classmethod
    def _check_json_mode(cls, v: Any) -> Any:
        if isinstance(v, str):
            v = v.strip().lower()
            if v not in JSON_MODES:
                raise ValueError(
                    f"unknown json_mode {v!r}: expected 'json_schema', 'json_object' or 'none'"
                )
        return v

    @field_validator("base_url", "model", mode="before")
    @classmethod
    def _blank_is_none(cls, v: Any) -> Any:
        if isinstance(v, str) and not v.strip():
            return None
        return v.strip() if isinstance(v, str) else v

    @field_validator("search", "search_web", "search_images", "search_videos", "search_news",
                     "search_knowledge_panel", "search_places", "search_products",
                     mode="before")
    @classmethod
    def _provider_list(cls, v: Any, info: Any) -> Any:
        if not isinstance(v, str):
            return v
        text = v.strip().lower().replace(" ", "")
        if not text:
            return "corpus" if info.field_name == "search" else None
        if not _PROVIDER_LIST.fullmatch(text):
            raise ValueError(f"invalid search provider list {v.strip()[:40]!r}: name one "
                             "provider or several separated by commas, e.g. searxng,wikipedia")
        return text

    @field_validator("searxng_url", mode="before")
    @classmethod
    def _blank_url(cls, v: Any) -> Any:
        return (v.strip() or None) if isinstance(v, str) else v

    @field_validator("searxng_url", "wikipedia_url", mode="after")
    @classmethod
    def _http_url(cls, v: str | None) -> str | None:
        if v is not None and urlsplit(v).scheme not in ("http", "https"):
            raise ValueError(f"{v[:60]!r} is not an http(s) URL")
        return v.rstrip("/") if v else v

    @field_validator("brave_api_key", mode="before")
    @classmethod
    def _blank_key(cls, v: Any) -> Any:
        return None if isinstance(v, str) and not v.strip() else v

    def search_choice(self, tool: str) -> str:
        """The provider list for one tool: its own setting, else `search`."""
        return getattr(self, f"search_{tool}") or self.search

    @field_validator("data_dir", mode="after")
    @classmethod
    def _expand_user(cls, v: Path) -> Path:
        return v.expanduser()

    @property
    def resolved_backend(self) -> Literal["local", "openai"]:
        if self.backend is not None:
            return self.backend
        return "openai" if (self.api_key or self.base_url) else "local"

    @property
    def experiments_dir(self) -> Path:
        """Where experiment reports go (one folder per experiment), from the CLI and the app."""
        return self.data_dir / "experiments"

    @property
    def openai_model(self) -> str:
        return self.model or DEFAULT_OPENAI_MODEL


def _one_line(err: ValidationError) -> str:
    parts = []
    for e in err.errors():
        field = ".".join(str(p) for p in e["loc"]) or "settings"
        cause = (e.get("ctx") or {}).get("error")
        msg = str(cause) if isinstance(cause, ValueError) else e["msg"]
        if msg.startswith(("unknown backend", "unknown json_mode", "invalid search provider")):
            parts.append(msg)
        else:
            parts.append(f"invalid setting {field}: {msg}")
    return "; ".join(parts)


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as f:
            data = tomllib.load(f)
    except tomllib.TOMLDecodeError as e:
        raise ValueError(f"settings file {path} is not valid TOML: {e}") from None
    except OSError as e:
        raise ValueError(f"cannot read settings file {path}: {e.strerror or e}") from None
    unknown = sorted(set(data) - set(Settings.model_fields))
    if unknown:
        raise ValueError(f"unknown setting {unknown[0]!r} in {path}")
    return data


def settings_file(overrides: dict[str, Any] | None = None) -> tuple[Path, bool]:
    """The settings file to read, and whether the user named it explicitly."""
    explicit = os.environ.get("GENSERP_SETTINGS", "").strip()
    if explicit:
        return Path(explicit).expanduser(), True
    data_dir = (overrides or {}).get("data_dir") or os.environ.get("GENSERP_DATA_DIR", "").strip()
    base = Path(data_dir).expanduser() if data_dir else default_data_dir()
    return base / "settings.toml", False


def load_settings(overrides: dict[str, Any] | None = None) -> Settings:
    """Defaults < TOML file < environment < `overrides` (None values are ignored)."""
    overrides = {k: v for k, v in (overrides or {}).items() if v is not None}
    values: dict[str, Any] = {}

    path, explicit = settings_file(overrides)
    if path.is_file() or explicit:
        if explicit and not path.is_file():
            raise ValueError(f"settings file {path} (from GENSERP_SETTINGS) does not exist")
        values.update(_read_toml(path))

    from_env: dict[str, Any] = {}
    for var, field in ENV_VARS:
        value = os.environ.get(var, "").strip()
        if value and field not in from_env:
            from_env[field] = value
    values.update(from_env)

    unknown = sorted(set(overrides) - set(Settings.model_fields))
    if unknown:
        raise ValueError(f"unknown setting {unknown[0]!r}")
    values.update(overrides)

    try:
        return Settings(**values)
    except ValidationError as e:
        raise ValueError(_one_line(e)) from None
