"""Run every benchmark and print its ratio table (fastkmeans vs scikit-learn, faiss, OpenCV).

Run: pip install -e ".[bench]" && python benchmarks/run.py [--quick] [--only NAME ...]
Never collected by pytest: speed is reported, not asserted.
"""

from __future__ import annotations

import argparse
import importlib
import sys
import time
import traceback
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from _common import machine  # noqa: E402


def main() -> None:
    names = sorted(p.stem for p in HERE.glob("bench_*.py"))
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small sizes (a smoke test)")
    parser.add_argument("--only", nargs="+", choices=names, help="run only these scripts")
    args = parser.parse_args()
    print(machine())
    failed = []
    for name in args.only or names:
        print(f"\n=== {name} ===", flush=True)
        start = time.perf_counter()
        try:
            module = importlib.import_module(name)
            module.main(["--quick"] if args.quick else [])
        except Exception:  # one script's failure must not hide the others' figures
            traceback.print_exc()
            failed.append(name)
            print(f"({name} FAILED after {time.perf_counter() - start:.0f} s)", flush=True)
            continue
        print(f"({name}: {time.perf_counter() - start:.0f} s)", flush=True)
    if failed:
        sys.exit(f"failed: {', '.join(failed)}")


if __name__ == "__main__":
    main()
