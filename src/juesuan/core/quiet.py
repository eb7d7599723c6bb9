"""C libraries that write on standard output by themselves (HiGHS prints some of its internal
states there): while they run, their output goes to standard error, so that what juesuan writes on
standard output (a JSON package, a CSV) stays exactly what it writes."""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Iterator

__all__ = ["stdout_to_stderr"]


@contextlib.contextmanager
def stdout_to_stderr() -> Iterator[None]:
    try:
        sys.stdout.flush()
        saved = os.dup(1)
    except (OSError, ValueError, AttributeError):  # no file descriptor 1 to protect (embedded, tests)
        yield
        return
    try:
        os.dup2(2, 1)
        yield
    finally:
        os.dup2(saved, 1)
        os.close(saved)
