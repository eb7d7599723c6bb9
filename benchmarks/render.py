"""Benchmark: writing the disclosure (HTML, Word, PDF, Excel) for each example package, medians.

    .venv/bin/python benchmarks/render.py [--runs N]

PDF is laid out by WeasyPrint. When a Chromium is on PATH, its headless print of the same HTML
is timed beside it: the alternative we chose against (a browser to install and start per file).
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import tempfile
from pathlib import Path

from timing import machine_noise, median_ms  # benchmarks/timing.py, beside this script

from juesuan.io import load
from juesuan.render import DISCLOSURE_FORMATS, render
from juesuan.render.document import document_html, view_of

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def chromium_print(browser: str, html: str, folder: Path) -> None:
    source, target = folder / "page.html", folder / "page.pdf"
    source.write_text(html, encoding="utf-8")
    subprocess.run([browser, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    f"--user-data-dir={folder / 'profile'}", "--no-pdf-header-footer",
                    f"--print-to-pdf={target}", source.as_uri()], check=True, capture_output=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    runs = parser.parse_args().runs
    browser = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
    render(load(EXAMPLES / "guangzhou-2020_dept-final.yaml"), "pdf")  # load WeasyPrint and fonts once
    print(machine_noise())
    print(f"median of {runs} runs, milliseconds")
    print(f"{'example':<48}" + "".join(f"{k:>9}" for k in DISCLOSURE_FORMATS) + ("  chromium-pdf" if browser else ""))
    for path in sorted(EXAMPLES.glob("*_dept-final.yaml")):
        report = load(path)
        line = f"{path.stem:<48}" + "".join(f"{median_ms(lambda k=k, r=report: render(r, k), runs):>9.0f}"
                                            for k in DISCLOSURE_FORMATS)
        if browser:
            html = document_html(view_of(report))
            with tempfile.TemporaryDirectory() as folder:
                line += f"{median_ms(lambda h=html, f=folder: chromium_print(browser, h, Path(f)), runs):>14.0f}"
        print(line)


if __name__ == "__main__":
    main()
