"""The member's settings file: which database, who they are, their language and
the country their phone numbers are in, kept between runs.

It is `config.toml` in the platform's config folder (platformdirs), private
(0600) from its first byte. An option beats the environment, which beats the
file, which beats the default (`present.settings.resolve`). A PostgreSQL
password is never kept here: `data.pgpass` puts it where libpq looks.
"""

from __future__ import annotations

from pathlib import Path

from platformdirs import user_config_dir

from data.locations import is_postgres
from data.member_files import private_folder, write_private
from data.pgpass import split_password
from ladder.contact import check_name
from present.i18n import KeyedError

KEYS = ("database", "member", "language", "country")


class ConfigError(KeyedError, ValueError):
    """A settings file or value that cannot be used; the message is for a person."""


def config_path() -> Path:
    return Path(user_config_dir("ladder", appauthor=False)) / "config.toml"


def read_config(path: Path | None = None) -> dict[str, str]:
    """The settings in the file (none when there is no file)."""
    path = path or config_path()
    try:
        text = path.read_text("utf-8")
    except FileNotFoundError:
        return {}
    except (OSError, UnicodeDecodeError):
        raise ConfigError("config_unreadable", path=path) from None
    import tomllib  # only for a file there is: a few milliseconds of every start else

    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError:
        raise ConfigError("config_unreadable", path=path) from None
    unknown = sorted(set(raw) - set(KEYS))
    if unknown:
        raise ConfigError(
            "config_unknown_key",
            path=path,
            name=unknown[0],
        )
    return {key: checked(key, str(value)) for key, value in raw.items()}


def checked(key: str, value: str) -> str:
    """A setting's value as it is kept, or ConfigError saying what is wrong with it."""
    value = value.strip()
    if key not in KEYS:
        raise ConfigError("config_unknown", name=key)
    if key == "member":
        return check_name(value, "member")
    if key == "language":
        value = value.lower()
    if key == "language" and value not in ("fi", "en"):
        raise ConfigError("config_language")
    if key == "country":
        value = value.upper()
        import phonenumbers  # loaded only when a country is set, not by every command

        if value not in phonenumbers.SUPPORTED_REGIONS:
            raise ConfigError("config_country")
    if key == "database":
        if not value:
            raise ConfigError("config_db")
        if "://" in value and not is_postgres(value):
            raise ConfigError("not_a_url")
        if is_postgres(value) and split_password(value)[1] is not None:
            raise ConfigError("config_password")
        if not is_postgres(value):
            value = str(Path(value).expanduser().resolve())
            if not Path(value).parent.is_dir():
                raise ConfigError(
                    "no_folder",
                    folder=Path(value).parent,
                )  # fmt: skip
    return value


def write_config(values: dict[str, str], path: Path | None = None) -> Path:
    """Replace the file with `values` (private, written whole or not at all)."""
    import tomli_w

    path = path or config_path()
    private_folder(path.parent)
    text = tomli_w.dumps({key: values[key] for key in KEYS if key in values})
    return write_private(path, text.encode("utf-8"), force=True)


def set_value(key: str, value: str, path: Path | None = None) -> str:
    """Keep one setting; returns the value as kept."""
    values = read_config(path)
    values[key] = checked(key, value)
    write_config(values, path)
    return values[key]


def unset_value(key: str, path: Path | None = None) -> bool:
    """Forget one setting; False when it was not set."""
    checked_key = key if key in KEYS else checked(key, "")
    values = read_config(path)
    if checked_key not in values:
        return False
    del values[checked_key]
    write_config(values, path)
    return True
