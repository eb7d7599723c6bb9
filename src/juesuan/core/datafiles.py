"""juesuan's own data files (the catalogue, the rules, code names, the glossary, the findings).

Every command reads them, so each is parsed once and kept: the first run parses the YAML (with
libyaml's C loader when PyYAML has it) and stores the result beside the user's other caches, keyed
by the file's content and the Python version; later runs load that in a few milliseconds instead of
about a hundred. A changed data file has another key, so it is parsed again; the cache is only ever
a copy (`JUESUAN_CACHE` names its folder; an unwritable one is skipped silently).
"""

from __future__ import annotations

import contextlib
import hashlib
import marshal
import os
import sys
import tempfile
from importlib import resources
from pathlib import Path
from typing import Any

__all__ = ["cache_dir", "read_data"]


def cache_dir() -> Path:
    """Where parsed data files are kept: $JUESUAN_CACHE, else the user's cache folder."""
    if os.environ.get("JUESUAN_CACHE"):
        return Path(os.environ["JUESUAN_CACHE"])
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "juesuan"


def read_data(package: str, name: str) -> Any:
    """The YAML file `data/<name>` of a juesuan package, as plain values."""
    raw = resources.files(package).joinpath("data", name).read_bytes()
    key = f"{package}.{name}.{hashlib.sha256(raw).hexdigest()[:16]}.py{sys.version_info[0]}{sys.version_info[1]}"
    cached = cache_dir() / key
    with contextlib.suppress(OSError, ValueError, EOFError, TypeError):  # none yet, or unreadable: parse
        kept = cached.read_bytes()
        if hashlib.sha256(kept[32:]).digest() == kept[:32]:  # whole, as written
            return marshal.loads(kept[32:])
    import yaml  # only when a file is parsed: most runs load the kept copy

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml's, when PyYAML has it
    data = yaml.load(raw.decode("utf-8"), Loader=loader)  # a safe loader: plain values, no objects
    _keep(cached, data)
    return data


def _keep(path: Path, data: Any) -> None:
    """Store parsed data for the next run, whole or not at all; a failure only costs the next run time."""
    try:
        blob = marshal.dumps(data)
        blob = hashlib.sha256(blob).digest() + blob
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, name = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    except (OSError, ValueError):
        return
    tmp = Path(name)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(blob)
        tmp.replace(path)
    except OSError:
        with contextlib.suppress(OSError):
            tmp.unlink()
