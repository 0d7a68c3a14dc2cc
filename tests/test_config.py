"""Configuration: defaults, parsing, and errors that name the variable."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.config import Config, ConfigError, load_config

TOKEN = "123456:ABCdefGHIjklMNOpqrSTUvwxYZ012345"


def test_defaults() -> None:
    config = load_config({}, dotenv=None)
    assert config == Config()
    assert config.db == "newsroom.db" and config.telegram_token is None


def test_values_are_parsed() -> None:
    config = load_config(
        {
            "NEWSROOM_DB": "/data/news.db",
            "TELEGRAM_BOT_TOKEN": TOKEN,
            "TELEGRAM_API_BASE_URL": "http://127.0.0.1:8081/bot",
            "NEWSROOM_ADMINS": "1, 2;3",
            "NEWSROOM_ADMIN_CHAT": "-100123",
            "NEWSROOM_TIMEZONE": "Asia/Almaty",
            "NEWSROOM_DIGEST_CATCHUP_HOURS": "6",
            "NEWSROOM_LOG_LEVEL": "debug",
            "NEWSROOM_FEED_MINUTES": "15",
            "NEWSROOM_ALLOW_PRIVATE_URLS": "1",
            "NEWSROOM_WEBHOOK_PORT": "8444",
        },
        dotenv=None,
    )
    assert (config.feed_minutes, config.allow_private_urls) == (15, True)
    assert config.webhook_port == 8444
    assert config.db == "/data/news.db"
    assert config.telegram_token == TOKEN
    assert config.telegram_file_base_url == "http://127.0.0.1:8081/file/bot"
    assert config.admins == frozenset({1, 2, 3})
    assert config.admin_chat_id == -100123
    assert (config.default_timezone, config.digest_catchup_hours) == ("Asia/Almaty", 6.0)
    assert config.log_level == "DEBUG"


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("NEWSROOM_ADMINS", "12,bob"),
        ("NEWSROOM_ADMIN_CHAT", "general"),
        ("TELEGRAM_BOT_TOKEN", "not-a-token"),
        ("TELEGRAM_API_BASE_URL", "127.0.0.1:8081"),
        ("NEWSROOM_TIMEZONE", "Mars/Olympus"),
        ("NEWSROOM_DIGEST_CATCHUP_HOURS", "-1"),
        ("NEWSROOM_LOG_LEVEL", "LOUD"),
        ("NEWSROOM_FEED_MINUTES", "0"),
        ("NEWSROOM_FEED_MINUTES", "ten"),
        ("NEWSROOM_ALLOW_PRIVATE_URLS", "maybe"),
        ("NEWSROOM_WEBHOOK_PORT", "0"),
        ("NEWSROOM_WEBHOOK_PORT", "https"),
        ("NEWSROOM_DB", "mysql://user:pw@db.example.org/news"),
        ("NEWSROOM_DB", "http://example.org/news.db"),
    ],
)
def test_malformed_values_name_the_variable(name: str, value: str) -> None:
    with pytest.raises(ConfigError, match=name):
        load_config({name: value}, dotenv=None)


def test_dotenv_is_read_and_environment_wins(tmp_path: Path) -> None:
    dotenv = tmp_path / ".env"
    dotenv.write_text(
        "# comment\nexport NEWSROOM_DB='from-dotenv.db'\nNEWSROOM_ADMINS=7\n", encoding="utf-8"
    )
    config = load_config({"NEWSROOM_ADMINS": "8"}, dotenv=dotenv)
    assert config.db == "from-dotenv.db" and config.admins == frozenset({8})
    dotenv.write_text("JUNK LINE\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"\.env:1"):
        load_config({}, dotenv=dotenv)


def test_config_is_frozen() -> None:
    with pytest.raises(AttributeError):
        Config().db = "x"  # type: ignore[misc]


@pytest.mark.parametrize(
    ("value", "backend"),
    [
        ("newsroom.db", "sqlite"),
        ("/data/news.db", "sqlite"),
        ("postgresql://news:secret@db.internal:5432/newsroom", "postgresql"),
        ("postgres://news@localhost/newsroom", "postgresql"),
        ("postgresql://news@/newsroom?host=/run/postgresql", "postgresql"),
    ],
)
def test_the_store_setting_picks_the_backend(value: str, backend: str) -> None:
    from storage import backend_of

    config = load_config({"NEWSROOM_DB": value}, dotenv=None)
    assert config.db == value and backend_of(config.db) == backend


def test_another_url_scheme_is_refused_not_made_a_folder(tmp_path: Path, monkeypatch) -> None:
    with pytest.raises(ConfigError, match=r"NEWSROOM_DB: mysql:// is not a store"):
        load_config({"NEWSROOM_DB": "mysql://news@db/newsroom"}, dotenv=None)
    from bot.cli import main

    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("NEWSROOM_DB", raising=False)
    assert main(["--db", "http://example.org/news.db", "stats"]) == 2
    assert list(tmp_path.iterdir()) == []
