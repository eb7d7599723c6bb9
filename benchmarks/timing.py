"""The timing helpers the benchmark scripts share (run them from the project folder)."""

from __future__ import annotations

import platform
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path


def times_ms(action: Callable[[], object], runs: int, before: Callable[[], object] | None = None) -> list[float]:
    """The wall time of each of `runs` calls of `action`, in milliseconds; `before` runs untimed first."""
    times = []
    for _ in range(runs):
        if before is not None:
            before()
        start = time.perf_counter()
        action()
        times.append((time.perf_counter() - start) * 1000)
    return times


def median_ms(action: Callable[[], object], runs: int) -> float:
    """The median wall time of `runs` calls of `action`, in milliseconds."""
    return statistics.median(times_ms(action, runs))


def fixed_loop() -> int:
    """The machine's yardstick: a pure-Python loop of 200,000 additions."""
    total = 0
    for i in range(200_000):
        total += i
    return total


def machine_noise(runs: int = 50) -> str:
    """How steady this machine is: the fixed loop's median against its fastest run.

    On a quiet core the two are close; on a shared virtual machine the median can be twice the
    minimum, and every median printed beside it is inflated by the same factor. The interpreter is
    named too: the loop, like every figure, depends on how it was built (the operating system's own
    python3 is compiled with profile-guided optimisation; a default pyenv build is not).
    """
    times = times_ms(fixed_loop, runs)
    low, mid = min(times), statistics.median(times)
    return (f"machine: a fixed loop takes {mid:.1f} ms median, {low:.1f} ms at best ({mid / low:.2f}×); "
            f"Python {platform.python_version()} at {Path(sys.executable).resolve()}")
