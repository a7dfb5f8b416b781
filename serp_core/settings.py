"""Settings: defaults < settings.toml < environment variables < explicit overrides (CLI flags)."""

from __future__ import annotations

import os
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
)


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
        if msg.startswith(("unknown backend", "unknown json_mode")):
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
