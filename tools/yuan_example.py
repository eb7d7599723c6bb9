"""Write examples/guangzhou-2020_accounts-in-yuan.yaml: consistent synthetic 元 accounts near the
published Guangzhou 2020 figures, the input `juesuan balance` turns back into 万元 tables.

    .venv/bin/python tools/yuan_example.py
"""

from __future__ import annotations

from pathlib import Path

from juesuan.balance import accounts_in_yuan
from juesuan.io import load, save

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def main() -> None:
    published = load(EXAMPLES / "guangzhou-2020_dept-final.yaml")
    yuan = accounts_in_yuan(published, seed=2020)
    print(save(yuan, EXAMPLES / "guangzhou-2020_accounts-in-yuan.yaml"))


if __name__ == "__main__":
    main()
