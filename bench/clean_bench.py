"""Cleaner benchmarks, printed as one table with ratios measured in the same run.

    python bench/clean_bench.py html   [--peer-bench ../shared/peer-bench] [--limit N]
    python bench/clean_bench.py text   [--copies 200]

`html`: token F1 etc. of our HTML path vs trafilatura.extract on the peer bench (its own scorer).
`text`: text-page cleaning throughput on one core (articles/s), on copies of the sample corpus.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXTRACTORS = {"depeche": "extractors:depeche_body", "trafilatura": "extractors:trafilatura_default"}


def bench_html(peer_bench: Path, limit: int | None, sets: str) -> None:
    out = ROOT / "bench" / "out" / "peer"
    results = {}
    for name, extractor in EXTRACTORS.items():
        command = [sys.executable, str(peer_bench / "score.py"), "run", "--extractor", extractor, "--set", sets,
                   "--out", str(out / name), "--name", name]
        if limit:
            command += ["--limit", str(limit)]
        subprocess.run(command, check=True, cwd=ROOT / "bench", env={"PYTHONPATH": f"{ROOT}:{ROOT / 'bench'}", "PATH": ""},
                       stdout=subprocess.DEVNULL)
        results[name] = json.loads((out / name / "summary.json").read_text())["results"]
    print(f"{'set':12} {'extractor':12} {'precision':>9} {'recall':>7} {'F1':>6} {'pages/s':>8}")
    for index, result in enumerate(results["depeche"]):
        for name in EXTRACTORS:
            r = results[name][index]
            print(f"{r['set']:12} {name:12} {r['precision']:9.3f} {r['recall']:7.3f} {r['f1']:6.3f} {r['pages_per_s']:8.1f}")
        ours, theirs = results["depeche"][index], results["trafilatura"][index]
        print(f"{ours['set']:12} {'ratio':12} {ours['precision'] / theirs['precision']:9.3f} {ours['recall'] / theirs['recall']:7.3f} "
              f"{ours['f1'] / theirs['f1']:6.3f} {ours['pages_per_s'] / theirs['pages_per_s']:8.2f}")


def bench_text(copies: int) -> None:
    from tasks.clean import clean_document, stop_words
    from tasks.dates import parse_published

    stop_words(), parse_published("12 mars 2024")  # warm the lazy loaders: we measure steady state
    pages = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "data" / "raw").glob("*.txt"))]
    # Vary every copy so no cache can help: a different number in each page.
    corpus = [f"{page}\nArticle {i}." for i in range(copies) for page in pages]
    started, cpu = time.perf_counter(), time.process_time()
    for page in corpus:
        clean_document(page, "text")
    wall, cpu = time.perf_counter() - started, time.process_time() - cpu
    print(f"{'articles':>8} {'wall s':>7} {'articles/s':>10} {'per CPU s':>9}")
    print(f"{len(corpus):8d} {wall:7.2f} {len(corpus) / wall:10.1f} {len(corpus) / cpu:9.1f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="what", required=True)
    html = sub.add_parser("html")
    html.add_argument("--peer-bench", type=Path, default=ROOT.parent / "shared" / "peer-bench")
    html.add_argument("--limit", type=int, default=None)
    html.add_argument("--set", default="all", choices=("aeb", "trafilatura", "all"))
    text = sub.add_parser("text")
    text.add_argument("--copies", type=int, default=100)
    args = parser.parse_args()
    if args.what == "html":
        bench_html(args.peer_bench, args.limit, args.set)
    else:
        bench_text(args.copies)


if __name__ == "__main__":
    main()
