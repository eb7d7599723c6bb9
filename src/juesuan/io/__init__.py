"""Reading and writing reports: data packages in YAML, JSON, Excel and CSV, by format key."""

from __future__ import annotations

import contextlib
import errno
import importlib
import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from juesuan.core.errors import InputError, OutputError
from juesuan.core.location import Location
from juesuan.io.files import check_readable

if TYPE_CHECKING:
    from juesuan.core.model import Report

__all__ = ["FORMATS", "InputError", "OutputError", "dump", "format_of", "load", "save", "write_atomic"]

Reader = Callable[[Path], "Report"]
Writer = Callable[["Report"], "str | bytes"]

# Format key → (file suffixes, the module whose read_<key> and dump_<key> read and write it). A
# module is imported when its format is used: openpyxl alone takes longer than most checks.
FORMATS: dict[str, tuple[tuple[str, ...], str]] = {
    "yaml": ((".yaml", ".yml"), "juesuan.io.yamljson"),
    "json": ((".json",), "juesuan.io.yamljson"),
    "xlsx": ((".xlsx",), "juesuan.io.xlsx"),
    "csv": ((".csv",), "juesuan.io.csvfile"),
}


def _reader(key: str) -> Reader:
    reader: Reader = getattr(importlib.import_module(FORMATS[key][1]), f"read_{key}")
    return reader


def _writer(key: str) -> Writer:
    writer: Writer = getattr(importlib.import_module(FORMATS[key][1]), f"dump_{key}")
    return writer


def format_of(path: Path) -> str | None:
    """The format key of a file by its suffix, or None."""
    suffix = path.suffix.lower()
    return next((key for key, (suffixes, _) in FORMATS.items() if suffix in suffixes), None)


def load(path: Path | str) -> Report:
    """Read a report from a data package; raises InputError naming the problem and its place."""
    path = Path(path)
    where = Location(file=str(path))
    check_readable(path)
    key = format_of(path)
    if key is None:
        known = "、".join(s for suffixes, _ in FORMATS.values() for s in suffixes)
        raise InputError(where, f"无法识别的文件类型 {path.suffix or '（无扩展名）'}",
                         f"unknown file type {path.suffix or '(none)'}",
                         f"支持：{known}", f"supported: {known}")
    return _reader(key)(path)


def dump(report: Report, key: str) -> str | bytes:
    """The report in one format, as text or bytes."""
    return _writer(key)(report)


def save(report: Report, path: Path | str, key: str | None = None) -> Path:
    """Write a report atomically: the file appears complete or not at all."""
    path = Path(path)
    key = key or format_of(path)
    if key is None or key not in FORMATS:
        raise OutputError(str(path), "无法从扩展名判断输出格式", "cannot tell the format from the suffix")
    content = dump(report, key)
    data = content.encode("utf-8") if isinstance(content, str) else content
    write_atomic(path, data)
    return path


def write_atomic(path: Path, data: bytes) -> None:
    """Write bytes to a temporary file beside `path`, flush it to the disk, then rename it into place:
    the file appears complete or not at all, whatever happens meanwhile. Only a regular file is
    replaced: a device, a pipe, a directory or a symbolic link at `path` is refused as it is."""
    tmp: Path | None = None
    try:
        if path.is_symlink() or (path.exists() and not path.is_file()):
            raise OutputError(str(path), "已存在且不是普通文件（设备、管道、目录或符号链接），不会替换",
                              "exists and is not a regular file (a device, pipe, directory or symbolic link): "
                              "not replaced")
        path.parent.mkdir(parents=True, exist_ok=True)
        import tempfile  # here: most commands never write a file

        # A short name of its own: the output's name may already be as long as the system allows.
        fd, name = tempfile.mkstemp(prefix=".juesuan-", suffix=".part", dir=path.parent)
        tmp = Path(name)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        # mkstemp makes the file private; give it the permissions any new file would have.
        umask = os.umask(0)
        os.umask(umask)
        tmp.chmod(0o666 & ~umask)
        tmp.replace(path)
        tmp = None
        _sync_directory(path.parent)
    except OSError as exc:
        reason = "文件名过长" if exc.errno == errno.ENAMETOOLONG else exc.strerror or str(exc)
        raise OutputError(str(path), reason, exc.strerror or str(exc)) from None
    finally:
        if tmp is not None:  # any failure, an interruption included: leave nothing behind
            with contextlib.suppress(OSError):
                tmp.unlink()


def _sync_directory(directory: Path) -> None:
    """Make the rename itself durable (where the system lets a directory be synced)."""
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
