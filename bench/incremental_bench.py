"""Incremental runs: what a scheduled re-run costs next to the first run, measured in one session.

    python bench/incremental_bench.py [--copies 4] [--repeats 3] [--keep DIR] [--sample-only]

Builds a raw directory from the sample corpus and the fixture pages in the style of other outlets
(tests/fixtures/pages; `--sample-only` leaves them out, for a smoke run), each copied `--copies` times with a distinct last line so every copy is a
document of its own; then runs `depeche run` as a user does (a fresh process, embedded Prefect):

1. first run: every document is processed;
2. re-run with nothing changed (`--repeats` times): 0 documents loaded, everything skipped by hash;
3. one new file added: only it is processed.

Prints, with ratios to the first run: wall time per run (process start to exit), and the run's own
time (from planning to the run's record, as the CLI summary reports it: without interpreter,
Prefect and model start-up, which every run pays, ~15 s here). Exit status 1
when a re-run loads anything or the new file is not the only document loaded.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOURCES = [ROOT / "data" / "raw", ROOT / "tests" / "fixtures" / "pages"]


def build_corpus(raw: Path, copies: int, sources: list[Path]) -> int:
    raw.mkdir(parents=True, exist_ok=True)
    count = 0
    for source in sources:
        for path in sorted(source.iterdir()):
            if path.suffix not in (".txt", ".html"):
                continue
            data = path.read_bytes()
            for copy in range(copies):
                # A distinct trailer makes a distinct document (doc_id comes from the bytes).
                trailer = f"\n<!-- copy {copy} -->\n" if path.suffix == ".html" else f"\n\nCopie {copy}.\n"
                (raw / f"{path.stem}-{copy}{path.suffix}").write_bytes(data + trailer.encode("ascii"))
                count += 1
    return count


def run_cli(raw: Path, warehouse: Path) -> tuple[float, float, int]:
    """(wall seconds, the run's own seconds, documents loaded) of one `depeche run`."""
    env = {**os.environ, "DEPECHE_RAW": str(raw), "DEPECHE_WAREHOUSE": str(warehouse)}
    env.pop("PREFECT_API_URL", None)
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "depeche.flows.cli", "run"], env=env, capture_output=True, text=True, cwd=ROOT)
    wall = time.perf_counter() - started
    if done.returncode != 0:
        sys.exit(f"depeche run failed:\n{done.stderr[-3000:]}")
    run_seconds = float(re.search(r"the run itself ([\d.]+) s", done.stdout).group(1))
    loaded = int(re.search(r"(\d+) documents loaded", done.stdout).group(1))
    return wall, run_seconds, loaded


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--copies", type=int, default=4)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--keep", type=Path, default=None, help="work in this directory and keep it")
    parser.add_argument("--sample-only", action="store_true", help="the sample corpus alone, without the fixture pages")
    args = parser.parse_args()

    work = args.keep or Path(tempfile.mkdtemp(prefix="depeche-incremental-"))
    raw, warehouse = work / "raw", work / "warehouse"
    shutil.rmtree(warehouse, ignore_errors=True)
    shutil.rmtree(raw, ignore_errors=True)
    documents = build_corpus(raw, args.copies, SOURCES[:1] if args.sample_only else SOURCES)
    print(f"corpus: {documents} files in {raw}", flush=True)

    first = run_cli(raw, warehouse)
    reruns = [run_cli(raw, warehouse) for _ in range(args.repeats)]
    (raw / "zz-new-article.txt").write_text(
        "Visite à Hanoï\n\nLe Premier ministre japonais a rencontré mardi à Hanoï son homologue vietnamien "
        "pour discuter de coopération maritime, a annoncé le ministère des Affaires étrangères.\n",
        encoding="utf-8",
    )
    added = run_cli(raw, warehouse)

    rows = [("first run", *first), *(("re-run, nothing changed", *r) for r in reruns), ("one file added", *added)]
    print(f"\n{'run':<26}{'loaded':>8}{'wall s':>9}{'× first':>9}{'run s':>9}{'× first':>9}")
    for name, wall, run_seconds, loaded in rows:
        print(f"{name:<26}{loaded:>8}{wall:>9.1f}{wall / first[0]:>9.2f}{run_seconds:>9.1f}{run_seconds / first[1]:>9.2f}")
    median_wall = statistics.median(r[0] for r in reruns)
    median_flow = statistics.median(r[1] for r in reruns)
    print(f"\nre-run with nothing changed, median: {median_wall / first[0]:.2f}× the first run's wall time, "
          f"{median_flow / first[1]:.2f}× its own time")
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)
    ok = all(r[2] == 0 for r in reruns) and added[2] == 1
    if not ok:
        print("FAILED: a re-run loaded documents, or the new file was not the only one loaded")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
