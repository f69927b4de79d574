"""Files Ladder writes for a member: private from the first byte, never over a database.

Every export, list, label sheet and GDPR copy holds personal data, so it is
created 0600 before a byte is written (whatever the umask), goes to a
temporary file beside its target and is renamed into place only when whole,
so an interrupted write leaves the old file as it was. A mistyped `--output`
must not destroy the live database: its files, and any SQLite database (a
backup), are refused; another existing file needs `--force`.
"""

from __future__ import annotations

import codecs
import io
import os
import stat
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import BinaryIO, TextIO

from data.errors import DatabaseError, Explained

SQLITE_HEADER = b"SQLite format 3\x00"
REDERIVE_LOCK = "-rederive.lock"  # the file data/store/rederive_lock.py locks
DATABASE_SUFFIXES = ("", "-wal", "-shm", "-journal", REDERIVE_LOCK)


class OutputRefused(Explained):
    """A path Ladder will not write to; `key` and `values` say why in the member's words."""


def database_files(location: str) -> list[Path]:
    """The live SQLite database's own files (none for a PostgreSQL URL)."""
    if "://" in location:
        return []
    path = Path(location).expanduser()
    return [path.with_name(path.name + suffix) for suffix in DATABASE_SUFFIXES]


def check_output(path: Path, *, protected: Iterable[Path] = (), force: bool = False) -> Path:
    """The resolved target, or OutputRefused if writing there could lose data."""
    target = path.expanduser().resolve()
    for kept in protected:
        if target == kept.expanduser().resolve() or _same_file(target, kept):
            raise OutputRefused(
                "output_is_database",
                path=path,
            )  # fmt: skip
    if target.is_dir():
        raise OutputRefused("output_is_folder", path=path)
    if target.exists():
        if _is_sqlite(target):
            raise OutputRefused(
                "output_sqlite",
                path=path,
            )  # fmt: skip
        if not force:
            raise OutputRefused("output_exists", path=path)
    return target


def write_private(
    path: Path, content: bytes, *, protected: Iterable[Path] = (), force: bool = False
) -> Path:
    """Write `content` to `path` as described above; returns where it went."""
    target = check_output(path, protected=protected, force=force)
    descriptor, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.")
    try:
        with os.fdopen(descriptor, "wb") as out:  # mkstemp creates it 0600
            out.write(content)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return target


def private_folder(folder: Path) -> Path:
    """A folder only its owner can enter (0700), made if missing."""
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    if folder.stat().st_mode & 0o077:
        folder.chmod(0o700)
    return folder


def _same_file(target: Path, other: Path) -> bool:
    try:
        return target.exists() and other.exists() and os.path.samefile(target, other)
    except OSError:
        return False


def _is_sqlite(path: Path) -> bool:
    try:
        with path.open("rb") as f:
            return f.read(len(SQLITE_HEADER)) == SQLITE_HEADER
    except OSError:
        return False


def create_sqlite_file(path: Path) -> None:
    """Create a missing database file readable by its owner only (0600)."""
    if not path.parent.exists():
        raise DatabaseError("no_folder", folder=path.parent)
    if path.exists() and path.is_file() and path.stat().st_size == 0:
        path.chmod(0o600)  # an empty file given as the database: customers' data goes in it
    if not path.exists():
        try:
            os.close(os.open(path, os.O_CREAT | os.O_WRONLY, 0o600))
        except OSError as exc:
            raise DatabaseError(
                "cannot_create",
                path=path,
                why=exc.strerror,
            ) from None


IMPORT_LIMIT_MB = 50  # an import file larger than this is refused unless told otherwise
IMPORT_ROW_LIMIT = 500_000  # rows (or vCards) of one import file; more is refused, not half read
_CHUNK = 1024 * 1024


def read_import(path: Path, limit_mb: int = IMPORT_LIMIT_MB) -> bytes:
    """The bytes of a file to import whole (a JSON export): see `_open_regular`."""
    with _open_regular(path) as source:
        content = source.read(_limit(limit_mb) + 1)
    if len(content) > _limit(limit_mb):
        raise _too_big(path, limit_mb)
    return content


def open_import(path: Path, limit_mb: int = IMPORT_LIMIT_MB) -> TextIO:
    """A file to import as a stream of text lines, so memory does not grow with it.

    UTF-8 (with or without a BOM), else Windows-1252 as older Excel saves: the
    file is read once in chunks to choose, and to count its size, then from the
    start as text. Lines keep their ends (a CSV cell may hold one).
    """
    source = _open_regular(path)
    try:
        encoding = _encoding_of(source, path, limit_mb)
        source.seek(0)
    except BaseException:
        source.close()
        raise
    return io.TextIOWrapper(source, encoding=encoding, errors="replace", newline="")


def _open_regular(path: Path) -> BinaryIO:
    """A regular file opened for reading: never a device, which never ends, or a
    pipe, which may never start (opened without blocking, to be looked at first)."""
    try:
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError:
        raise ImportRefused("file_unreadable", path=path) from None
    if not stat.S_ISREG(os.fstat(descriptor).st_mode):  # looked at before any read: a folder
        os.close(descriptor)  # cannot even be wrapped for reading
        raise ImportRefused("not_a_file", path=path)
    return os.fdopen(descriptor, "rb")


def _encoding_of(source: BinaryIO, path: Path, limit_mb: int) -> str:
    """ "utf-8-sig", "utf-8" or "cp1252" for the whole file, which is at most `limit_mb`."""
    first = source.read(_CHUNK)
    encoding = "utf-8-sig" if first.startswith(codecs.BOM_UTF8) else "utf-8"
    decoder = codecs.getincrementaldecoder("utf-8")()
    size, chunk = 0, first
    while chunk:
        size += len(chunk)
        if size > _limit(limit_mb):
            raise _too_big(path, limit_mb)
        if encoding == "utf-8":  # after a BOM it is UTF-8 whatever follows
            try:
                decoder.decode(chunk)
            except UnicodeDecodeError:
                encoding = "cp1252"
        chunk = source.read(_CHUNK)
    try:
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return "cp1252"
    return encoding


def _limit(limit_mb: int) -> int:
    return limit_mb * 1024 * 1024


def _too_big(path: Path, limit_mb: int) -> ImportRefused:
    return ImportRefused(
        "file_too_big",
        path=path,
        limit=limit_mb,
    )


class ImportRefused(Explained, ValueError):
    """A file that is not read for an import; the message is for a person."""
