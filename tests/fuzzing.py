"""Fuzzing: mutated disclosures, data packages and side files, each read and checked the way a user's
would be. An input must give a report or an InputError; anything else is a crash, a reading past
the time budget is a hang, and (in the large run) an input that raises the peak memory by more than
1 GB, or runs out of the address space each worker is capped at, is a memory blow-up.

The test command runs a small budget (tests/test_fuzz.py). The large run is a command:

    .venv/bin/python tests/fuzzing.py --inputs 100000 --jobs 2

It prints the inputs tried, per kind, and the crashes, hangs and blow-ups with what reproduces them.
Mutations are drawn by hypothesis: flipped, cut, doubled and inserted bytes, tokens that broke
readers before (markup, huge numbers, page marks, NUL, aliases), and, per format, a changed leaf of a
package, a damaged member of a workbook, and a PDF whose xref or page objects are broken.
"""

from __future__ import annotations

import argparse
import io
import json
import multiprocessing
import resource
import signal
import sys
import tempfile
import time
import traceback
import zipfile
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, Phase, given, seed, settings
from hypothesis import strategies as st

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "src"), str(ROOT / "tests")]

from conftest import CORPUS, GUANGZHOU  # noqa: E402
from juesuan import api  # noqa: E402
from juesuan.cli.checking import read_config, read_explanations  # noqa: E402
from juesuan.core.errors import InputError  # noqa: E402
from juesuan.io import dump, load  # noqa: E402
from juesuan.io.glossary import glossary_yaml, read_glossary  # noqa: E402
from juesuan.io.texts import read_texts  # noqa: E402
from juesuan.render import render  # noqa: E402
from juesuan.rules import load_rules  # noqa: E402

SECONDS_PER_INPUT = 20  # far above any real reading (the slowest corpus text reads in about 1 s)

# Tokens that broke a reader once, or could: markup, numbers past every limit, page marks, NUL …
TOKENS = [
    b"[/x]", b"[a]", b"[bold]", b":smile:", b"\x00", b"\xff\xfe", b"\r", b"\t" * 50, "\u3000".encode(),
    b"9" * 5000, b"-1e308", b"1e999999999", b".nan", b".inf", b"NaN", b"Infinity", b"0x1F", b"1_000",
    b"3.,145.27", "（1.00）".encode(), b"--", "——".encode(), b"%", "万元".encode(), "合计 ".encode() * 3000,
    b"\n=== PAGE 99999999999 ===\n", b"\n=== PAGE 0 ===\n", b"\n=== PAGE 2 ===\n", b"&a [1]", b"*a",
    b"!!python/object:os.system", b"{", b"[", b"}", b"]", b'"', b"'", b"\\", b"\n- ", b": ", b"---\n",
    "收入支出决算总表".encode(), "项目名称".encode(), "全年预算数".encode(), b"2010301", b"x" * 200_000,
    b"/Type /Page", b"/Count 100000", b"endobj", b"xref", b"startxref\n0\n", b"%%EOF", b"<<", b">>",
]


@dataclass(frozen=True)
class Seed:
    kind: str  # what reads it: "package" (by suffix), "disclosure", or a side file's reader
    suffix: str
    data: bytes


@cache
def seeds() -> tuple[Seed, ...]:
    """The inputs mutated, each one that reads: corpus texts, the example package in every format, a
    few pages of a corpus PDF and the side files of check and render."""
    out = []
    report = load(GUANGZHOU)
    for key, suffix in (("yaml", ".yaml"), ("json", ".json"), ("csv", ".csv"), ("xlsx", ".xlsx")):
        content = dump(report, key)
        out.append(Seed("package", suffix, content.encode("utf-8") if isinstance(content, str) else content))
    for path in sorted(CORPUS.glob("*.txt")):
        # Whole texts, each reading in well under a second; for a longer one its cover with its
        # tables, and its narrative pages five at a time.
        text = path.read_text(encoding="utf-8")
        if len(text) < 100_000:
            out.append(Seed("disclosure", ".txt", text.encode("utf-8")))
            continue
        cover, *pages = ["=== PAGE " + p for p in text.split("=== PAGE ")[1:]]
        tables = [p for p in pages if "决算表" in p]
        narrative = [p for p in pages if "决算表" not in p]
        out.append(Seed("disclosure", ".txt", "".join([cover, *tables]).encode("utf-8")))
        for start in range(0, len(narrative), 5):
            out.append(Seed("disclosure", ".txt", "".join([cover, *narrative[start:start + 5]]).encode("utf-8")))
    pdf = _corpus_pages("shanghai-putuo_finance-bureau_2024_dept-final.pdf", [1, 4, 5, 6])
    if pdf:
        out.append(Seed("disclosure", ".pdf", pdf))
    out.append(Seed("config", ".yaml", b"tiers: [basic, strict]\ndisable: [X8]\nseverity: {X17: info}\n"))
    rule = load_rules()[0].id
    out.append(Seed("explain", ".yaml", f"- {{rule: {rule}, table: 收入支出决算总表, text: 已说明}}\n".encode()))
    out.append(Seed("texts", ".yaml", "reasons:\n  expenditure.201.total: 人员增加\nprior:\n"
                    "  income.total.total: 36,000.00\nperformance: 本年开展了绩效自评。\n".encode()))
    out.append(Seed("glossary", ".yaml", glossary_yaml(report.glossary, "名词解释").encode("utf-8")))
    return tuple(out)


def _corpus_pages(name: str, pages: list[int]) -> bytes | None:
    """Some pages of a corpus PDF as a PDF of their own (a 25-page reading is too slow to repeat)."""
    import pypdfium2 as pdfium

    path = CORPUS / name
    if not path.is_file():
        return None
    source, out = pdfium.PdfDocument(str(path)), pdfium.PdfDocument.new()
    out.import_pages(source, [p - 1 for p in pages])
    buffer = io.BytesIO()
    out.save(buffer)
    source.close()
    out.close()
    return buffer.getvalue()


# ---------------------------------------------------------------- mutations

@st.composite
def _byte_mutation(draw: st.DrawFn, data: bytes) -> bytes:
    if not data:
        return draw(st.sampled_from(TOKENS))
    at = draw(st.integers(0, len(data) - 1))
    how = draw(st.sampled_from(["flip", "cut", "delete", "double", "insert", "replace"]))
    if how == "flip":
        return data[:at] + bytes([data[at] ^ draw(st.integers(1, 255))]) + data[at + 1:]
    if how == "cut":
        return data[:at]
    span = draw(st.integers(1, max(1, min(4096, len(data) - at))))
    if how == "delete":
        return data[:at] + data[at + span:]
    if how == "double":
        return data[:at + span] + data[at:at + span] * draw(st.integers(1, 20)) + data[at + span:]
    token = draw(st.sampled_from(TOKENS) | st.binary(min_size=1, max_size=64))
    if how == "insert":
        return data[:at] + token + data[at:]
    return data[:at] + token + data[at + span:]


def _leaf_paths(value: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = [path]
    if isinstance(value, dict):
        for key, child in value.items():
            out.extend(_leaf_paths(child, (*path, key)))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            out.extend(_leaf_paths(child, (*path, index)))
    return out


_ODD_VALUES = st.one_of(
    st.none(), st.booleans(), st.integers(-(10**30), 10**30), st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=30), st.sampled_from(["", "1,234.56", "(1.00)", "--", "3.,145.27", "9" * 60, "[/x]", "1E+999"]),
    st.lists(st.integers(), max_size=5), st.dictionaries(st.text(max_size=5), st.integers(), max_size=3),
    st.just({"value": "1.00", "page": "x", "box": "abc"}), st.just({"text": None}),
)


_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml: the generator is not what is tested
_YAML_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


@st.composite
def _structured(draw: st.DrawFn, seed: Seed) -> bytes:
    """A package with one value anywhere replaced by an odd one (of another type, or malformed)."""
    plain = json.loads(seed.data) if seed.suffix == ".json" else yaml.load(seed.data, Loader=_YAML_LOADER)
    paths = _leaf_paths(plain)
    path = draw(st.sampled_from(paths[1:] or paths))
    value = draw(_ODD_VALUES)
    if not path:
        plain = value
    else:
        target = plain
        for step in path[:-1]:
            target = target[step]
        target[path[-1]] = value
    if seed.suffix == ".json":
        return json.dumps(plain, ensure_ascii=False, allow_nan=True).encode("utf-8")
    return yaml.dump(plain, Dumper=_YAML_DUMPER, allow_unicode=True).encode("utf-8")


@st.composite
def _workbook(draw: st.DrawFn, data: bytes) -> bytes:
    """A workbook with one member (a sheet's XML, the styles, the hidden keys) damaged."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        members = {info.filename: archive.read(info) for info in archive.infolist()}
    name = draw(st.sampled_from(sorted(members)))
    members[name] = draw(_byte_mutation(members[name]))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for member, content in members.items():
            archive.writestr(member, content)
    return out.getvalue()


@st.composite
def _pdf(draw: st.DrawFn, data: bytes) -> bytes:
    """A PDF with its structure broken: page objects renamed, the xref or its offset wrong, cut."""
    how = draw(st.sampled_from(["page", "xref", "startxref", "count", "bytes"]))
    if how == "page":
        return data.replace(b"/Type /Page\n", b"/Type /Pagx\n", 1).replace(b"/Type /Page ", b"/Type /Font ", 1)
    if how == "xref":
        return data.replace(b"xref", b"xrex")
    if how == "startxref":
        at = data.rfind(b"startxref")
        return data[:at] + b"startxref\n" + str(draw(st.integers(0, 10**12))).encode() + b"\n%%EOF\n"
    if how == "count":
        return data.replace(b"/Count ", b"/Count 9", 1)
    return draw(_byte_mutation(data))


@st.composite
def fuzz_inputs(draw: st.DrawFn) -> tuple[Seed, bytes, bool]:
    """A seed, its mutated bytes, and whether to write them in every format too (one in twenty:
    a workbook and a Word document take ten times as long as the reading)."""
    seed = draw(st.sampled_from(seeds()))
    data = seed.data
    for _ in range(draw(st.integers(1, 3))):
        if seed.suffix in (".yaml", ".json") and seed.kind == "package" and draw(st.booleans()):
            try:
                data = draw(_structured(Seed(seed.kind, seed.suffix, data)))
                continue
            except Exception:  # an earlier mutation broke its syntax: mutate its bytes instead
                pass
        if seed.suffix == ".xlsx" and draw(st.booleans()):
            try:
                data = draw(_workbook(data))
                continue
            except Exception:  # no longer a zip the generator can open: mutate its bytes instead
                pass
        if seed.suffix == ".pdf" and draw(st.booleans()):
            data = draw(_pdf(data))
            continue
        data = draw(_byte_mutation(data))
    return seed, data, draw(st.integers(0, 19)) == 0


# ---------------------------------------------------------------- the target

class Hang(Exception):
    pass


def _alarm(_signum: int, _frame: Any) -> None:
    raise Hang(f"past {SECONDS_PER_INPUT} s")


READERS: dict[str, Callable[[Path], Any]] = {
    "config": read_config, "explain": read_explanations, "texts": read_texts, "glossary": read_glossary,
}


def run_one(seed: Seed, data: bytes, workdir: Path, *, write_all: bool = False, expect_report: bool = False) -> None:
    """Read, check and write one input as juesuan's users would (a JSON package; with `write_all`
    also a workbook and a Word document: XML, the strictest of the writers); an InputError is a good
    answer (unless `expect_report`). Raises anything else, Hang past the time budget."""
    path = workdir / f"input{seed.suffix}"
    path.write_bytes(data)
    previous = signal.signal(signal.SIGALRM, _alarm)
    signal.alarm(SECONDS_PER_INPUT)
    try:
        if seed.kind in READERS:
            READERS[seed.kind](path)
        else:
            report = api.read(path)
            api.check(report)
            api.write(report, workdir / "out.json")
            if write_all:
                api.write(report, workdir / "out.xlsx")
                render(report, "docx")
    except InputError:
        if expect_report:
            raise
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


# ---------------------------------------------------------------- the large run

_BATCH = 500  # examples per hypothesis run: its own state grows with every example it draws


def _campaign(job: int, inputs: int, memory_mb: int, blowup_mb: int) -> dict[str, Any]:
    """One worker: `inputs` examples drawn by hypothesis in batches (each with its own seed), each
    run under the caps. An input during which the peak memory rises by more than `blowup_mb` is a
    blow-up; the address space is capped at `memory_mb` so that one cannot take the machine."""
    resource.setrlimit(resource.RLIMIT_AS, (memory_mb * 1024 * 1024, memory_mb * 1024 * 1024))
    tried: Counter[str] = Counter()
    failures: list[dict[str, str]] = []
    workdir = Path(tempfile.mkdtemp(prefix=f"juesuan-fuzz-{job}-"))

    def one(case: tuple[Seed, bytes, bool]) -> None:
        source, data, write_all = case
        tried[f"{source.kind}{source.suffix}"] += 1
        done = sum(tried.values())
        if done % 2000 == 0:
            peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
            print(f"[job {job}] {done} inputs, {len(failures)} failures, peak memory {peak_mb} MB",
                  file=sys.stderr, flush=True)
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        try:
            run_one(source, data, workdir, write_all=write_all)
        except Hang as exc:
            failures.append(_failure("hang", source, data, exc, workdir))
        except MemoryError as exc:
            failures.append(_failure("memory", source, data, exc, workdir))
        except Exception as exc:
            failures.append(_failure("crash", source, data, exc, workdir))
        grown = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - peak) // 1024
        if grown > blowup_mb:
            failures.append(_failure("memory", source, data, MemoryError(f"peak memory rose by {grown} MB"),
                                     workdir))

    for batch in range(-(-inputs // _BATCH)):
        count = min(_BATCH, inputs - batch * _BATCH)
        run = given(fuzz_inputs())(one)
        run = settings(max_examples=count, deadline=None, database=None, phases=[Phase.generate],
                       suppress_health_check=list(HealthCheck))(run)
        seed(job * 1_000_000 + batch)(run)()  # each worker and batch its own draws
    return {"tried": dict(tried), "failures": failures}


def _failure(kind: str, source: Seed, data: bytes, exc: BaseException, workdir: Path) -> dict[str, str]:
    keep = workdir / f"{kind}-{len(list(workdir.glob(f'{kind}-*')))}{source.suffix}"
    keep.write_bytes(data)
    frames = traceback.extract_tb(exc.__traceback__)
    at = f"{Path(frames[-1].filename).name}:{frames[-1].lineno}" if frames else "-"
    return {"kind": kind, "reader": source.kind, "error": f"{type(exc).__name__}: {str(exc)[:200]}",
            "at": at, "input": str(keep)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--inputs", type=int, default=100_000, help="inputs to try, over all jobs")
    parser.add_argument("--jobs", type=int, default=2, help="worker processes")
    parser.add_argument("--memory-mb", type=int, default=6000, help="address space of each worker")
    parser.add_argument("--blowup-mb", type=int, default=1000, help="peak memory one input may add")
    args = parser.parse_args()
    started = time.perf_counter()
    share = -(-args.inputs // args.jobs)
    with multiprocessing.get_context("fork").Pool(args.jobs) as pool:
        results = pool.starmap(_campaign, [(job, share, args.memory_mb, args.blowup_mb) for job in range(args.jobs)])
    tried: Counter[str] = Counter()
    failures = []
    for result in results:
        tried.update(result["tried"])
        failures.extend(result["failures"])
    kinds = Counter(f["kind"] for f in failures)
    print(f"inputs tried: {sum(tried.values())} in {time.perf_counter() - started:.0f} s")
    for name, count in sorted(tried.items()):
        print(f"  {name:<20} {count}")
    print(f"crashes: {kinds['crash']}, hangs: {kinds['hang']}, memory blow-ups: {kinds['memory']}")
    signatures = Counter((f["kind"], f["error"].split(":")[0], f["at"]) for f in failures)
    for (kind, error, at), count in signatures.most_common():
        example = next(f for f in failures if (f["kind"], f["error"].split(":")[0], f["at"]) == (kind, error, at))
        print(f"  {kind} {error} at {at} ×{count}: {example['error']} — {example['input']}")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
