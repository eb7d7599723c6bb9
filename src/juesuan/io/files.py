"""A user's file, read safely: one place for missing files, directories, long names, permissions and
the size limit. Every reader of juesuan takes its bytes from `read_input` (its YAML and JSON are
parsed by io/syntax.py), so a file that cannot be read is refused here with its place.
"""

from __future__ import annotations

import errno
from pathlib import Path

from juesuan.core.errors import InputError
from juesuan.core.limits import check_limit, limit
from juesuan.core.location import Location

__all__ = ["check_readable", "read_input", "read_utf8"]

def _os_error(where: Location, exc: OSError) -> InputError:
    if exc.errno == errno.ENAMETOOLONG:
        return InputError(where, "文件名或路径过长", "the file name or path is too long")
    if exc.errno == errno.EACCES:
        return InputError(where, "没有读取此文件的权限", "no permission to read this file")
    reason = exc.strerror or str(exc)
    return InputError(where, f"无法读取文件（{reason}）", f"cannot read the file ({reason})")


def check_readable(path: Path) -> None:
    """Refuse a path that is missing, a directory, too long a name, or a file past the size limit."""
    where = Location(file=str(path))
    try:
        if not path.exists():
            raise InputError(where, "文件不存在", "file not found")
        if path.is_dir():
            raise InputError(where, "这是一个目录，不是文件", "this is a directory, not a file")
        check_limit("file_mb", -(-path.stat().st_size // (1024 * 1024)), where)
    except OSError as exc:
        raise _os_error(where, exc) from None


def read_input(path: Path) -> bytes:
    """The bytes of a user's file, at most the size limit (a pipe or a device is read only that far)."""
    where = Location(file=str(path))
    cap = limit("file_mb") * 1024 * 1024
    check_readable(path)
    try:
        with path.open("rb") as fh:
            data = fh.read(cap + 1)
    except OSError as exc:
        raise _os_error(where, exc) from None
    if len(data) > cap:
        check_limit("file_mb", len(data) // (1024 * 1024) + 1, where)
    return data


def read_utf8(path: Path) -> str:
    """A data file's text; it must be UTF-8 (a byte-order mark is allowed)."""
    raw = read_input(path)
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(Location(file=str(path)), f"文件不是 UTF-8 编码（第 {exc.start} 字节）",
                         f"file is not UTF-8 (byte {exc.start})",
                         "请以 UTF-8 编码保存后重试", "save it as UTF-8 and retry") from None
