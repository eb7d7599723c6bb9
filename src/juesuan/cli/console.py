"""Where the command line writes: standard output and standard error, through Rich.

Rich interprets nothing juesuan prints: no markup, no emoji codes, no highlighting. A department
named `[/x]` or a file called `[a].yaml` prints as it is; styles are passed as styles (`Text`,
`style=`), never written into the text. A standard output that cannot be written (a full disk,
`> /dev/full`, a closed pipe) is an `OutputError`, exit 4, not an internal error.
"""

from __future__ import annotations

import errno
import os
import sys
from functools import cache
from typing import IO, Any

from rich.console import Console
from rich.text import Text

from juesuan.core.errors import OutputError

__all__ = ["STDOUT", "console", "stderr", "styled"]


class _Stdout:
    """sys.stdout, flushed on every write so that a failure is seen where it happens."""

    def write(self, text: str) -> int:
        try:
            written = sys.stdout.write(text)
            sys.stdout.flush()
        except OSError as exc:
            _detach_stdout()
            raise OutputError("", exc.strerror or str(exc), exc.strerror or str(exc),
                              quiet=exc.errno == errno.EPIPE) from None
        return written

    def flush(self) -> None:
        self.write("")

    def __getattr__(self, name: str) -> Any:  # isatty, encoding, fileno … as sys.stdout has them
        return getattr(sys.stdout, name)


def _detach_stdout() -> None:
    """Point file descriptor 1 at /dev/null: what could not be written would otherwise fail again
    when Python flushes at exit, with a message of its own."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


STDOUT: IO[str] = _Stdout()  # type: ignore[assignment]


def console(file: IO[str] | None = None, *, width: int | None = None, color: bool = True) -> Console:
    """A console that prints text as given. Piped output is not cut to 80 columns: tables are wide."""
    if file is None:
        file = STDOUT
        if width is None and not sys.stdout.isatty():
            width = 160
    return Console(file=file, width=width, no_color=not color, markup=False, emoji=False, highlight=False)


@cache
def stderr() -> Console:
    """Standard error: messages, notes and progress."""
    return Console(stderr=True, markup=False, emoji=False, highlight=False, soft_wrap=True)


def styled(*parts: str | tuple[str, str]) -> Text:
    """A line of plain parts and (text, style) parts; nothing in the text is read as markup."""
    return Text.assemble(*parts)
