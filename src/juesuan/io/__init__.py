"""Reading and writing reports: data packages in YAML, JSON, Excel and CSV, by format key."""

from __future__ import annotations

import contextlib
import importlib
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from juesuan.core.errors import InputError, OutputError
from juesuan.core.location import Location

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
    if not path.exists():
        raise InputError(where, "文件不存在", "file not found")
    if path.is_dir():
        raise InputError(where, "这是一个目录，不是文件", "this is a directory, not a file")
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
    """Write bytes to a temporary file beside `path`, then rename it into place."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    except OSError as exc:
        raise OutputError(str(path), exc.strerror or str(exc), exc.strerror or str(exc)) from None
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        # mkstemp makes the file private; give it the permissions any new file would have.
        umask = os.umask(0)
        os.umask(umask)
        Path(tmp).chmod(0o666 & ~umask)
        Path(tmp).replace(path)
    except OSError as exc:
        with contextlib.suppress(OSError):
            Path(tmp).unlink()
        raise OutputError(str(path), exc.strerror or str(exc), exc.strerror or str(exc)) from None
