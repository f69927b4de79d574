"""`ladder doctor`: where the database is and whether it opens, whose Ladder this
is, and what a member can do about each thing that is not right. Nothing is changed,
and no password is shown."""

from __future__ import annotations

import shutil
import stat
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from cli import output
from cli.common import EXIT_FAILED, Commands, say
from data import service
from data.locations import default_location, is_postgres, shown_location
from present.config import ConfigError, config_path, read_config
from present.i18n import describe_error, moment
from present.settings import Settings

OK, WRONG, NOTE = "✓", "✗", "·"


def add_commands(c: Commands) -> None:
    doctor = c.command(
        "doctor",
        c.w("cli.check_the_settings_the_database_the_printer_and"),
    )
    doctor.set_defaults(run=run_doctor)


def run_doctor(args, settings: Settings) -> int:
    lang = settings.lang

    def tr(key: str, **values: object) -> str:
        return output.text(f"doctor.{key}", lang, **values)

    lines: list[tuple[str, str]] = [(NOTE, tr("version", version=_version()))]
    lines.append(_settings_file(tr))
    lines += _database(settings, tr)
    member_source = settings.sources.get("member", "default")
    lines.append((OK, tr("member", name=settings.member, source=_source(member_source, lang))))
    printer = shutil.which("lp")
    lines.append((OK, tr("printer", path=printer)) if printer else (NOTE, tr("no_printer")))
    lines.append(_private_folder(tr))
    for sign, text in lines:
        say(f"{sign} {text}")
    return EXIT_FAILED if any(sign == WRONG for sign, _ in lines) else 0


def _version() -> str:
    try:
        return version("ladder")
    except PackageNotFoundError:
        return "?"


def _source(source: str, lang: str) -> str:
    return source if source.startswith("LADDER_") else output.text(f"config.from_{source}", lang)


def _settings_file(tr) -> tuple[str, str]:
    path = config_path()
    if not path.exists():
        return NOTE, tr("no_settings", path=path)
    try:
        read_config(path)
    except ConfigError as exc:
        return WRONG, tr("settings_bad", path=path, why=exc)
    return OK, tr("settings", path=path)


def _database(settings: Settings, tr) -> list[tuple[str, str]]:
    where = shown_location(settings.location)
    source = _source(settings.sources.get("database", "default"), settings.lang)
    health = service.database_health(settings.location)
    lines = [(NOTE, tr("database", where=where, source=source))]
    if not health.exists:
        return [*lines, (WRONG, tr("no_database"))]
    if health.problem:
        why = health.problem
        if getattr(health.error, "key", None):
            why = describe_error(health.error, settings.lang)
        return [*lines, (WRONG, tr("does_not_open", why=why))]
    revision, ours = health.revision or "–", health.program_revision
    if health.revision is None:
        lines.append((NOTE, tr("empty")))
    elif health.revision == ours:
        lines.append((OK, tr("schema", revision=revision)))
    else:
        lines.append((NOTE, tr("schema_old", revision=revision, ours=ours)))
    if health.rulebook is not None:
        rulebook = health.rulebook
        when = moment(rulebook.applied_at, settings.lang)
        lines.append((OK, tr("rulebook", number=rulebook.id, who=rulebook.applied_by, when=when)))
    if not is_postgres(settings.location):
        lines.append(_private_file(Path(settings.location), tr))
    return lines


def _private_file(path: Path, tr) -> tuple[str, str]:
    if stat.S_IMODE(path.stat().st_mode) & 0o077:
        return WRONG, tr("file_open", path=path)
    return OK, tr("file_private", path=path)


def _private_folder(tr) -> tuple[str, str]:
    folder = default_location().parent
    if not folder.exists():
        return NOTE, tr("no_folder", path=folder)
    if stat.S_IMODE(folder.stat().st_mode) & 0o077:
        return WRONG, tr("folder_open", path=folder)
    return OK, tr("folder_private", path=folder)
