"""Settings: defaults < settings.toml < environment variables < explicit overrides (CLI flags),
through pydantic-settings: `Settings(**overrides)` reads the other layers itself, and
`load_settings` is the same with one-line errors.

    setting        environment (earlier names win)          TOML key / override
    backend        GENSERP_BACKEND                          backend
    base_url       GENSERP_BASE_URL, OPENAI_BASE_URL        base_url
    api_key        OPENAI_API_KEY                           api_key
    ...            GENSERP_<NAME> (see the fields)          the field's name

The TOML file is $GENSERP_SETTINGS, or settings.toml in the data directory (from the
overrides, $GENSERP_DATA_DIR or the platform's default). Blank environment variables count as
unset.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any, Literal
from urllib.parse import urlsplit, urlunsplit

import platformdirs
from pydantic import AliasChoices, Field, SecretStr, ValidationError, field_validator
from pydantic.fields import FieldInfo
from pydantic_settings import (
    BaseSettings,
    EnvSettingsSource,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
    TomlConfigSettingsSource,
)

DEFAULT_OPENAI_MODEL = "gpt-4o-mini"
BACKENDS = ("local", "openai")
JSON_MODES = ("json_schema", "json_object", "none")
_PROVIDER_LIST = re.compile(r"[a-z0-9_-]+(,[a-z0-9_-]+)*")
# The settings a search is built from (serp_core.search.composite.build_search).
SEARCH_SETTINGS = ("search", "search_web", "search_images", "search_videos", "search_news",
                   "search_knowledge_panel", "search_places", "search_products", "searxng_url",
                   "brave_api_key", "wikipedia_url", "search_timeout_s", "search_cache_hours")


def _env(*names: str) -> Any:
    """The environment variables a setting is read from, earlier names first."""
    return AliasChoices(*names)


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


class Settings(BaseSettings):
    model_config = SettingsConfigDict(extra="forbid", validate_assignment=True,
                                      validate_by_name=True, case_sensitive=True)

    backend: Literal["local", "openai"] | None = Field(  # None: choose automatically
        default=None, validation_alias=_env("GENSERP_BACKEND"))
    base_url: str | None = Field(  # None: the OpenAI API
        default=None, validation_alias=_env("GENSERP_BASE_URL", "OPENAI_BASE_URL"))
    api_key: SecretStr | None = Field(default=None, exclude=True, repr=False,
                                      validation_alias=_env("OPENAI_API_KEY"))
    model: str | None = Field(  # None: the backend's default (gpt-4o-mini for openai)
        default=None, validation_alias=_env("GENSERP_MODEL"))
    json_mode: Literal["json_schema", "json_object", "none"] = Field(
        default="json_schema", validation_alias=_env("GENSERP_JSON_MODE"))
    timeout_s: float = Field(default=60.0, gt=0, validation_alias=_env("GENSERP_TIMEOUT"))
    max_retries: int = Field(default=2, ge=0, validation_alias=_env("GENSERP_MAX_RETRIES"))
    data_dir: Path = Field(default_factory=lambda: default_data_dir(),
                           validation_alias=_env("GENSERP_DATA_DIR"))
    # Search (serp_core.search.providers): a provider, or several in order of preference, for
    # every tool; a tool a provider cannot answer goes to the next one, then the corpus.
    search: str = Field(default="corpus", validation_alias=_env("GENSERP_SEARCH"))
    # Per tool, instead of `search` (None: as `search`).
    search_web: str | None = Field(default=None, validation_alias=_env("GENSERP_SEARCH_WEB"))
    search_images: str | None = Field(default=None,
                                      validation_alias=_env("GENSERP_SEARCH_IMAGES"))
    search_videos: str | None = Field(default=None,
                                      validation_alias=_env("GENSERP_SEARCH_VIDEOS"))
    search_news: str | None = Field(default=None, validation_alias=_env("GENSERP_SEARCH_NEWS"))
    search_knowledge_panel: str | None = Field(
        default=None, validation_alias=_env("GENSERP_SEARCH_KNOWLEDGE_PANEL"))
    search_places: str | None = Field(default=None,
                                      validation_alias=_env("GENSERP_SEARCH_PLACES"))
    search_products: str | None = Field(default=None,
                                        validation_alias=_env("GENSERP_SEARCH_PRODUCTS"))
    searxng_url: str | None = Field(default=None, validation_alias=_env("GENSERP_SEARXNG_URL"))
    brave_api_key: SecretStr | None = Field(default=None, exclude=True, repr=False,
                                            validation_alias=_env("BRAVE_API_KEY"))
    wikipedia_url: str = Field(default="https://en.wikipedia.org",
                               validation_alias=_env("GENSERP_WIKIPEDIA_URL"))
    search_timeout_s: float = Field(default=8.0, gt=0, le=120,
                                    validation_alias=_env("GENSERP_SEARCH_TIMEOUT"))
    search_cache_hours: float = Field(  # 0: always ask the provider again
        default=24.0, ge=0, validation_alias=_env("GENSERP_SEARCH_CACHE_HOURS"))

    @classmethod
    def settings_customise_sources(
            cls, settings_cls: type[BaseSettings], init_settings: PydanticBaseSettingsSource,
            env_settings: PydanticBaseSettingsSource, dotenv_settings: PydanticBaseSettingsSource,
            file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        """Overrides, then the environment, then the TOML file (the first one wins)."""
        overrides = getattr(init_settings, "init_kwargs", {})
        return (init_settings, _Environment(settings_cls),
                _SettingsFile(settings_cls, *settings_file(overrides)))

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
    def prompts_dir(self) -> Path:
        """Where named prompt versions are saved (one folder each)."""
        return self.data_dir / "prompts"

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


class _Environment(EnvSettingsSource):
    """Each setting's own environment variables (its validation aliases, earlier names first;
    never its bare field name), stripped; a blank one counts as unset."""

    def get_field_value(self, field: FieldInfo, field_name: str) -> tuple[Any, str, bool]:
        names = field.validation_alias.choices if isinstance(field.validation_alias,
                                                             AliasChoices) else []
        for name in names:
            value = self.env_vars.get(name) if isinstance(name, str) else None
            if value is not None and value.strip():
                return value.strip(), name, False
        return None, field_name, False


class _SettingsFile(TomlConfigSettingsSource):
    """The TOML settings file, when there is one: ValueError (one line) for a named file that
    is missing, a file that is not TOML, or an unknown setting in it."""

    def __init__(self, settings_cls: type[BaseSettings], path: Path, explicit: bool) -> None:
        if explicit and not path.is_file():
            raise ValueError(f"settings file {path} (from GENSERP_SETTINGS) does not exist")
        self.path = path
        super().__init__(settings_cls, toml_file=path if path.is_file() else None)

    def _read_file(self, file_path: Path) -> dict[str, Any]:
        try:
            data = super()._read_file(file_path)
        except ValueError as e:  # tomllib.TOMLDecodeError
            raise ValueError(f"settings file {file_path} is not valid TOML: {e}") from None
        except OSError as e:
            raise ValueError(f"cannot read settings file {file_path}: "
                             f"{e.strerror or e}") from None
        unknown = sorted(set(data) - set(Settings.model_fields))
        if unknown:
            raise ValueError(f"unknown setting {unknown[0]!r} in {file_path}")
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
    """Defaults < TOML file < environment < `overrides` (None values are ignored); any error
    is a ValueError of one line."""
    overrides = {k: v for k, v in (overrides or {}).items() if v is not None}
    unknown = sorted(set(overrides) - set(Settings.model_fields))
    if unknown:
        raise ValueError(f"unknown setting {unknown[0]!r}")
    try:
        return Settings(**overrides)
    except ValidationError as e:
        raise ValueError(_one_line(e)) from None
