"""Configuration: read once from the environment (and an optional ``.env``) into a frozen object."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from storage.backends import StoreSettingError, backend_of


class ConfigError(ValueError):
    """A setting is missing or malformed; the message names the variable."""


@dataclass(frozen=True, slots=True)
class Config:
    db: str = "newsroom.db"  # a SQLite file path or a postgresql:// url
    telegram_token: str | None = None
    telegram_api_base_url: str | None = None
    telegram_file_base_url: str | None = None
    admins: frozenset[int] = field(default_factory=frozenset)
    admin_chat_id: int | None = None
    default_timezone: str = "UTC"
    digest_catchup_hours: float = 12.0
    log_level: str = "INFO"
    feed_minutes: int = 10
    allow_private_urls: bool = False
    webhook_port: int = 8443  # where ``run --webhook`` listens on 127.0.0.1 for the proxy

    @property
    def db_path(self) -> str:
        """The store setting (the name from before PostgreSQL: it may be a url)."""
        return self.db


def store_setting(name: str, raw: str) -> str:
    """A SQLite path or a PostgreSQL url; any other ``scheme://`` stops start-up."""
    try:
        backend_of(raw)
    except StoreSettingError as error:
        raise ConfigError(f"{name}: {error}") from None
    return raw


def _int_set(name: str, raw: str) -> frozenset[int]:
    values: set[int] = set()
    for part in raw.replace(";", ",").replace(" ", ",").split(","):
        if not part:
            continue
        try:
            values.add(int(part))
        except ValueError:
            raise ConfigError(f"{name}: {part!r} is not a Telegram user id (an integer)") from None
    return frozenset(values)


def _optional_int(name: str, raw: str | None) -> int | None:
    if raw is None or not raw.strip():
        return None
    try:
        return int(raw.strip())
    except ValueError:
        raise ConfigError(f"{name}: {raw!r} is not an integer") from None


def _positive_float(name: str, raw: str | None, default: float) -> float:
    if raw is None or not raw.strip():
        return default
    try:
        value = float(raw)
    except ValueError:
        raise ConfigError(f"{name}: {raw!r} is not a number") from None
    if value < 0:
        raise ConfigError(f"{name}: must not be negative, got {raw!r}")
    return value


def _timezone(name: str, raw: str | None) -> str:
    if raw is None or not raw.strip():
        return "UTC"
    try:
        ZoneInfo(raw.strip())
    except (ZoneInfoNotFoundError, ValueError):
        message = f"{name}: {raw!r} is not an IANA time zone such as Europe/London"
        raise ConfigError(message) from None
    return raw.strip()


def _url(name: str, raw: str | None) -> str | None:
    if raw is None or not raw.strip():
        return None
    value = raw.strip()
    if not value.startswith(("http://", "https://")):
        raise ConfigError(f"{name}: {raw!r} must start with http:// or https://")
    return value


def _token(raw: str | None) -> str | None:
    if raw is None or not raw.strip():
        return None
    value = raw.strip()
    head, _, tail = value.partition(":")
    if not head.isdigit() or len(tail) < 20:
        raise ConfigError(
            "TELEGRAM_BOT_TOKEN: not a bot token (expected '<digits>:<secret>' from @BotFather)"
        )
    return value


def _minutes(name: str, raw: str | None, default: int) -> int:
    if raw is None or not raw.strip():
        return default
    try:
        value = int(raw.strip())
    except ValueError:
        raise ConfigError(f"{name}: {raw!r} is not a whole number of minutes") from None
    if not 1 <= value <= 7 * 24 * 60:
        raise ConfigError(f"{name}: must be between 1 and 10080 minutes, got {raw!r}")
    return value


def _port(name: str, raw: str | None, default: int) -> int:
    if raw is None or not raw.strip():
        return default
    try:
        value = int(raw.strip())
    except ValueError:
        raise ConfigError(f"{name}: {raw!r} is not a port number") from None
    if not 1 <= value <= 65535:
        raise ConfigError(f"{name}: must be between 1 and 65535, got {raw!r}")
    return value


def _flag(name: str, raw: str | None) -> bool:
    value = (raw or "").strip().casefold()
    if value in ("", "0", "false", "no", "off"):
        return False
    if value in ("1", "true", "yes", "on"):
        return True
    raise ConfigError(f"{name}: {raw!r} is not 1/0 (or true/false, yes/no, on/off)")


_LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")


def read_dotenv(path: Path) -> dict[str, str]:
    """``KEY=value`` lines of a ``.env`` file; ``#`` comments and blank lines are skipped."""
    values: dict[str, str] = {}
    if not path.is_file():
        return values
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        stripped = stripped.removeprefix("export ").strip()
        key, sep, value = stripped.partition("=")
        if not sep or not key.strip():
            raise ConfigError(f"{path}:{number}: expected KEY=value")
        value = value.strip()
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
            value = value[1:-1]
        values[key.strip()] = value
    return values


def load_config(
    environ: Mapping[str, str] | None = None, dotenv: Path | None = Path(".env")
) -> Config:
    """Settings from ``.env`` overridden by the process environment."""
    env: dict[str, str] = read_dotenv(dotenv) if dotenv is not None else {}
    env.update(os.environ if environ is None else environ)
    base_url = _url("TELEGRAM_API_BASE_URL", env.get("TELEGRAM_API_BASE_URL"))
    file_url = _url("TELEGRAM_FILE_BASE_URL", env.get("TELEGRAM_FILE_BASE_URL"))
    if base_url and not file_url and base_url.rstrip("/").endswith("/bot"):
        file_url = base_url.rstrip("/")[: -len("/bot")] + "/file/bot"
    level = env.get("NEWSROOM_LOG_LEVEL", "INFO").strip().upper() or "INFO"
    if level not in _LOG_LEVELS:
        raise ConfigError(f"NEWSROOM_LOG_LEVEL: {level!r} is not one of {', '.join(_LOG_LEVELS)}")
    db = env.get("NEWSROOM_DB", "").strip() or "newsroom.db"
    return Config(
        db=store_setting("NEWSROOM_DB", db),
        telegram_token=_token(env.get("TELEGRAM_BOT_TOKEN")),
        telegram_api_base_url=base_url,
        telegram_file_base_url=file_url,
        admins=_int_set("NEWSROOM_ADMINS", env.get("NEWSROOM_ADMINS", "")),
        admin_chat_id=_optional_int("NEWSROOM_ADMIN_CHAT", env.get("NEWSROOM_ADMIN_CHAT")),
        default_timezone=_timezone("NEWSROOM_TIMEZONE", env.get("NEWSROOM_TIMEZONE")),
        digest_catchup_hours=_positive_float(
            "NEWSROOM_DIGEST_CATCHUP_HOURS", env.get("NEWSROOM_DIGEST_CATCHUP_HOURS"), 12.0
        ),
        log_level=level,
        feed_minutes=_minutes("NEWSROOM_FEED_MINUTES", env.get("NEWSROOM_FEED_MINUTES"), 10),
        allow_private_urls=_flag(
            "NEWSROOM_ALLOW_PRIVATE_URLS", env.get("NEWSROOM_ALLOW_PRIVATE_URLS")
        ),
        webhook_port=_port("NEWSROOM_WEBHOOK_PORT", env.get("NEWSROOM_WEBHOOK_PORT"), 8443),
    )
