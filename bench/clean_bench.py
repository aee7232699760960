"""Cleaner benchmarks, printed as one table with ratios measured in the same run.

    python bench/clean_bench.py html   [--peer-bench ../shared/peer-bench] [--limit N] [--out bench/out/peer]
    python bench/clean_bench.py speed  [--peer-bench ../shared/peer-bench] [--limit N] [--repeats 3]
    python bench/clean_bench.py text   [--copies 100] [--repeats 5]
    python bench/clean_bench.py pages  DIR [DIR …] [--no-classifier] [--misses]

`html`: token F1 etc. of our HTML path vs trafilatura.extract on the peer bench (its own scorer).
`speed`: pages per CPU second of our HTML path (`clean_document(text, "html")`) and of
trafilatura.extract, on the same decoded pages of the peer bench's trafilatura set, in one process.
`text`: text-page cleaning throughput on one core (articles/s), on copies of the sample corpus.
`pages`: quality on labelled pages (the `*.expected.json` format of tests/fixtures/pages/README.md):
chrome lines leaked into clean_text, body paragraphs kept, pages without an article rejected,
publication dates right at their precision (of the pages whose date is knowable), and headlines right
(white space and case aside), per directory.
`--no-classifier` measures the rules and layout alone, `--no-cross-page` each page alone (a directory
is otherwise cleaned as one batch); `--misses` lists what leaked and was lost.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXTRACTORS = {"depeche": "extractors:depeche_body", "trafilatura": "extractors:trafilatura_default"}


def bench_html(peer_bench: Path, limit: int | None, sets: str, out: Path = ROOT / "bench" / "out" / "peer") -> None:
    out = out.resolve()  # the scorer runs in bench/
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


def bench_speed(peer_bench: Path, limit: int | None, repeats: int) -> None:
    import trafilatura

    from depeche.tasks.clean import clean_document

    sys.path.insert(0, str(peer_bench))
    import score  # the peer bench's own decoding, so both sides read the pages the scorer gives them

    pages = [score.page_input("trafilatura", pid, "str") for pid in score.page_ids("trafilatura")[:limit]]
    extractors = {"depeche": lambda page: clean_document(page, "html"), "trafilatura": trafilatura.extract}
    rates: dict[str, list[float]] = {name: [] for name in extractors}
    for _ in range(repeats):  # alternating, so a busy spell of this shared machine hits both sides
        for name, extract in extractors.items():
            started = time.process_time()
            for page in pages:
                extract(page)
            rates[name].append(len(pages) / (time.process_time() - started))
    # The first run also loads lazy resources (dateparser's locales, stop words): the median is steady state.
    ours, theirs = (statistics.median(rates[name]) for name in extractors)
    print(f"{'pages':>5} {'runs':>4} {'depeche_pages/s':>15} {'trafilatura_pages/s':>19} {'ratio':>6}")
    print(f"{len(pages):5d} {repeats:4d} {ours:15.1f} {theirs:19.1f} {ours / theirs:6.2f}")


def bench_text(copies: int, repeats: int) -> None:
    from depeche.tasks.clean import clean_document
    from depeche.tasks.page_vocabulary import stop_words
    from depeche.tasks.dates import parse_published

    stop_words(), parse_published("12 mars 2024")  # warm the lazy loaders: we measure steady state
    pages = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "data" / "raw").glob("*.txt"))]
    # Vary every copy so no cache can help: a different number in each page.
    corpus = [f"{page}\nArticle {i}." for i in range(copies) for page in pages]
    rates = []
    for _ in range(repeats):
        started = time.process_time()
        for page in corpus:
            clean_document(page, "text")
        rates.append(len(corpus) / (time.process_time() - started))
    rates.sort()
    # This machine is shared: the median and best of several runs say more than any single one.
    print(f"{'articles':>8} {'runs':>4} {'median articles/CPU s':>21} {'best':>7} {'worst':>7}")
    print(f"{len(corpus):8d} {repeats:4d} {rates[len(rates) // 2]:21.1f} {rates[-1]:7.1f} {rates[0]:7.1f}")


def bench_pages(directories: list[Path], classifier: bool, misses: bool, cross_page: bool = True) -> None:
    from depeche.tasks import boilerplate, clean, line_classifier
    from depeche.tasks.ingest import decode

    if not classifier:
        threshold_off = dict(line_classifier.model(), threshold=2.0)
        line_classifier.model = lambda: threshold_off  # the rules and the layout alone
    print(f"{'pages':24} {'n':>3} {'chrome leaked':>16} {'body kept':>14} {'no article rejected':>20} {'date right':>11} {'title right':>11}")
    for directory in directories:
        chrome = leaked = body = kept = empty = rejected = knowable = right = pages = titled = titles_right = 0
        cleaned_pages = []
        for expected_path in sorted(directory.glob("*.expected.json")):
            name = expected_path.name.removesuffix(".expected.json")
            page = next(p for p in directory.glob(name + ".*") if not p.name.endswith(".json"))
            kind = "html" if page.suffix == ".html" else "text"
            text, _ = decode(page.read_bytes(), is_html=kind == "html")
            cleaned_pages.append((name, json.loads(expected_path.read_text(encoding="utf-8")), clean.clean_document(text, kind)))
        # The directory's pages as one batch: lines a source repeats across them go, as in a run.
        rejected_pages = {name for name, _, result in cleaned_pages if not result.has_article}
        if cross_page:
            outlines = [boilerplate.page_of(result) for _, _, result in cleaned_pages]
            for (name, _, result), drop in zip(cleaned_pages, boilerplate.repeated_lines(outlines, {})):
                if drop and not boilerplate.remove(result, drop):
                    rejected_pages.add(name)
        for name, expected, result in cleaned_pages:
            pages += 1
            is_rejected = name in rejected_pages
            if expected.get("no_article"):
                empty += 1
                rejected += is_rejected
                continue
            cleaned = " ".join(("" if is_rejected else result.clean_text).split()).casefold()
            if expected.get("title"):
                titled += 1
                title_right = " ".join((result.title or "").split()).casefold() == " ".join(expected["title"].split()).casefold()
                titles_right += title_right
                if misses and not title_right:
                    print(f"  title   {name}: {(result.title or '')[:80]}, expected {expected['title'][:80]}")
            for line in expected["chrome"]:
                chrome += 1
                if " ".join(line.split()).casefold() in cleaned:
                    leaked += 1
                    if misses:
                        print(f"  leaked  {name}: {line[:100]}")
            for paragraph in expected["body"]:
                body += 1
                if " ".join(paragraph.split()).casefold() in cleaned:
                    kept += 1
                elif misses:
                    print(f"  lost    {name}: {paragraph[:100]}")
            if expected.get("published_at"):
                knowable += 1
                got = result.published_at.isoformat()[: len(expected["published_at"])] if result.published_at else None
                right += got == expected["published_at"] and result.published_precision == expected["published_precision"]
                if misses and not (got == expected["published_at"] and result.published_precision == expected["published_precision"]):
                    print(f"  date    {name}: {result.published_at} {result.published_precision} ({result.published_source}), "
                          f"expected {expected['published_at']} {expected['published_precision']}")
        print(f"{directory.name:24} {pages:3d} {leaked:5d}/{chrome:<5d} {leaked / max(chrome, 1):5.1%} "
              f"{kept:4d}/{body:<4d} {kept / max(body, 1):5.1%} {rejected:9d}/{empty:<9d} {right:4d}/{knowable:<3d} {right / max(knowable, 1):4.0%}"
              f" {titles_right:4d}/{titled:<3d} {titles_right / max(titled, 1):4.0%}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="what", required=True)
    html = sub.add_parser("html")
    html.add_argument("--peer-bench", type=Path, default=ROOT.parent / "shared" / "peer-bench")
    html.add_argument("--limit", type=int, default=None)
    html.add_argument("--set", default="all", choices=("aeb", "trafilatura", "all"))
    html.add_argument("--out", type=Path, default=ROOT / "bench" / "out" / "peer", help="where the scorer writes its outputs")
    speed = sub.add_parser("speed")
    speed.add_argument("--peer-bench", type=Path, default=ROOT.parent / "shared" / "peer-bench")
    speed.add_argument("--limit", type=int, default=None)
    speed.add_argument("--repeats", type=int, default=3)
    text = sub.add_parser("text")
    text.add_argument("--copies", type=int, default=100)
    text.add_argument("--repeats", type=int, default=5)
    pages = sub.add_parser("pages")
    pages.add_argument("directories", type=Path, nargs="+")
    pages.add_argument("--no-classifier", action="store_true")
    pages.add_argument("--misses", action="store_true")
    pages.add_argument("--no-cross-page", action="store_true", help="each page alone, without the lines its source repeats")
    args = parser.parse_args()
    if args.what == "pages":
        bench_pages(args.directories, not args.no_classifier, args.misses, not args.no_cross_page)
    elif args.what == "html":
        bench_html(args.peer_bench, args.limit, args.set, args.out)
    elif args.what == "speed":
        bench_speed(args.peer_bench, args.limit, args.repeats)
    else:
        bench_text(args.copies, args.repeats)


if __name__ == "__main__":
    main()
