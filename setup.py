"""Build hook: the checker (`juesuan.rules`, with `juesuan.core.amounts` and `.codes`) compiled to C
with mypyc; everything else is metadata in pyproject.toml.

A check runs about a quarter faster compiled (benchmarks/builds.py times both builds in turn) and
finds the same; the test command runs the whole suite on both builds.

- `pip install .` (a wheel) compiles the checker when it can: with no C compiler or Python headers
  it says so and installs the pure-Python modules, which behave the same, only slower.
- `pip install -e .` (a working copy) never compiles, so an edited module is the one that runs.
- `JUESUAN_PURE=1` turns compilation off for any build.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from setuptools import Extension, setup
from setuptools.command.build_ext import build_ext

# The checker's modules, and the two helpers of core it calls most (half-units, code systems).
COMPILED = [*sorted(str(p) for p in Path("src/juesuan/rules").glob("*.py") if p.name != "__init__.py"),
            "src/juesuan/core/amounts.py", "src/juesuan/core/codes.py"]
# The commands that build the package; pip's questions about requirements and metadata (egg_info,
# dist_info) and the working copy's install (editable_wheel) do not translate anything.
BUILDS = {"bdist_wheel", "build", "build_ext", "install"}


class OptionalBuildExt(build_ext):
    """Compile the translated modules, or leave them out with a warning (the pure modules are installed
    in any case)."""

    def run(self) -> None:
        try:
            super().run()
        except Exception as exc:  # no compiler or no Python headers
            for ext in self.extensions:  # a half-built set would import a module whose library is missing
                Path(self.get_ext_fullpath(ext.name)).unlink(missing_ok=True)
            _pure_instead(exc)


def _compiled_checker() -> list[Extension]:
    """The compiled modules as C extensions (mypy names each module from its path under src/)."""
    if os.environ.get("JUESUAN_PURE") == "1" or not BUILDS & set(sys.argv[1:]):
        return []
    try:
        from mypyc.build import mypycify
    except ImportError as exc:  # built without the build requirements (--no-build-isolation)
        _pure_instead(exc)
        return []
    try:
        return mypycify(COMPILED, opt_level="3")
    except (Exception, SystemExit) as exc:  # mypy rejected a module (it reports why, and exits)
        _pure_instead(exc)
        return []


def _pure_instead(why: object) -> None:
    print(f"juesuan: 未能编译审核规则（{why}），改为安装纯 Python 版本：结果相同，审核较慢", file=sys.stderr)


setup(ext_modules=_compiled_checker(), cmdclass={"build_ext": OptionalBuildExt})
