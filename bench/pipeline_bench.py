"""The whole pipeline on a generated corpus: throughput per stage, memory, warehouse size, and ratios
to other ways of doing the work, all measured in the same bench run.

    python bench/pipeline_bench.py --docs N [--out DIR] [--only a,b,…] [--rounds K] [--keep] [--seed 0]

Writes N articles to DIR/raw (bench/corpus.py: seeded variations of the repository's French sample
and fixture pages, text and HTML) and runs `depeche run` on them as a user does, one fresh process
per run, with its own XDG_DATA_HOME (so its own Prefect database) under DIR. Measurements (`--only`,
default all):

  workers2  `depeche run --workers 2` on a fresh warehouse
  noop      `depeche run` again on the same raw directory and warehouse: nothing to do
  spacy     bare spaCy: `fr_core_news_md`, whole default pipeline, one process, `nlp.pipe` over the
            clean_text of the workers2 warehouse; only the pipe is timed
  workers1  `depeche run --workers 1` on a fresh warehouse
  dask      `depeche run --runner dask --workers 2` on a fresh warehouse
  html      our HTML cleaning (`clean_document(text, "html")`) and `trafilatura.extract`, alternately
            on each HTML page of the corpus, in this process

noop and spacy use the workers2 warehouse: choosing either runs workers2 too.

This machine is shared: a run's speed moves by ±10 % from one minute to the next. `--rounds K`
measures everything but spacy K times, in turn (each round on fresh warehouses under DIR/round-k),
and reports each ratio as the median of the rounds' ratios, with their range; the rows of each
run are those of its median round (by run time).

Each command's process tree is sampled every 0.1 s with psutil for the peak RSS of every process.
Prints one table, then the processes seen. Targets are reported as text; the exit status is 0
unless a command fails. DIR (default: a new temporary directory) is removed at the end unless --keep.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # run as `python bench/pipeline_bench.py`: make the `bench` package importable
    sys.path.insert(0, str(ROOT))

import duckdb  # noqa: E402
import psutil  # noqa: E402

from bench.corpus import CorpusStats, write_corpus  # noqa: E402

MODEL = "fr_core_news_md"
MEASUREMENTS = ("workers2", "noop", "spacy", "workers1", "dask", "html")  # the order they run in
NEEDS_WORKERS2 = ("noop", "spacy")
PIPELINE_RUNS = {  # measurement: (warehouse directory under DIR, `depeche run` options)
    "workers2": ("warehouse-workers2", ["--workers", "2"]),
    "noop": ("warehouse-workers2", ["--workers", "2"]),
    "workers1": ("warehouse-workers1", ["--workers", "1"]),
    "dask": ("warehouse-dask", ["--runner", "dask", "--workers", "2"]),
}
STAGES = ("clean", "tag", "load")
POLL_SECONDS = 0.1
MIB = 1024 * 1024
FLOW_RSS_TARGET_MIB = 1536
WORKER_RSS_TARGET_MIB = 1024
MAX_PAGE_BYTES = 50 * MIB
TEXT_BATCH = 1000  # rows fetched at a time from the warehouse


# ------------------------------------------------------------------------------- memory
@dataclass
class ProcessPeak:
    pid: int
    kind: str = ""  # root (the command run), worker, prefect server, helper
    command: str = ""
    rss: int = 0


def process_kind(command: str, parent_command: str) -> str:
    if command == parent_command or "spawn_main" in command:
        return "worker"  # forked (fork or forkserver start method: the parent's command line) or spawned
    if "uvicorn" in command or ("prefect" in command and "server" in command):
        return "prefect server"
    return "helper"  # a forkserver, a resource tracker, a short-lived tool


def parent_command(process: psutil.Process) -> str:
    parent = process.parent()
    return " ".join(parent.cmdline()) if parent else ""


@dataclass
class MemorySampler:
    """Peak RSS of each process of the tree under `root_pid`, and of their sum at any one moment."""

    root_pid: int
    processes: dict[tuple[int, float], ProcessPeak] = field(default_factory=dict)
    total: int = 0

    def sample(self) -> None:
        try:
            root = psutil.Process(self.root_pid)
            tree = [root, *root.children(recursive=True)]
        except psutil.Error:  # the command has just exited
            return
        total = 0
        for process in tree:
            try:
                rss = process.memory_info().rss
                peak = self.processes.setdefault((process.pid, process.create_time()), ProcessPeak(process.pid))
                if rss > peak.rss:  # read the command line again: a child's changes when it execs
                    peak.rss, peak.command = rss, " ".join(process.cmdline())
                    peak.kind = "root" if process.pid == self.root_pid else process_kind(peak.command, parent_command(process))
            except psutil.Error:  # exited between listing and reading
                continue
            total += rss
        self.total = max(self.total, total)

    def sample_until(self, stop: threading.Event) -> None:
        self.sample()
        while not stop.wait(POLL_SECONDS):
            self.sample()

    def peak(self, kind: str) -> int | None:
        return max((p.rss for p in self.processes.values() if p.kind == kind), default=None)


@dataclass
class Command:
    stdout: str
    wall: float
    memory: MemorySampler


def run_sampled(command: list[str], env: dict[str, str]) -> Command:
    """Run `command` from the repository root while sampling its memory; exit the bench if it fails."""
    started = time.perf_counter()
    with subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) as process:
        memory = MemorySampler(process.pid)
        stop = threading.Event()
        sampler = threading.Thread(target=memory.sample_until, args=(stop,), daemon=True)
        sampler.start()
        stdout, stderr = process.communicate()
        wall = time.perf_counter() - started
        stop.set()
        sampler.join()
    if process.returncode != 0:
        sys.exit(f"{' '.join(command)} exited {process.returncode}:\n{stdout[-2000:]}\n{stderr[-3000:]}")
    return Command(stdout, wall, memory)


# ------------------------------------------------------------------------------- pipeline runs
@dataclass
class PipelineRun:
    command: Command
    summary: dict  # what `depeche run --summary-json` wrote
    words: int  # whitespace-separated words in the clean_text of the documents this run loaded
    warehouse_bytes: int


def clean_texts(warehouse: Path, run_id: str | None = None):
    """The clean_text of the warehouse's documents (of one run's documents, given `run_id`), a batch at a time."""
    with duckdb.connect(str(warehouse / "depeche.duckdb"), read_only=True) as con:
        where = "where run_id = ?" if run_id else ""
        cursor = con.execute(f"select clean_text from documents {where} order by doc_id", [run_id] if run_id else [])
        while rows := cursor.fetchmany(TEXT_BATCH):
            yield from (text for (text,) in rows)


def word_count(text: str) -> int:
    return len(text.split())


def directory_bytes(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())


def run_pipeline(name: str, raw: Path, work: Path, env: dict[str, str]) -> PipelineRun:
    warehouse_name, options = PIPELINE_RUNS[name]
    warehouse, summary_path = work / warehouse_name, work / f"summary-{name}.json"
    work.mkdir(parents=True, exist_ok=True)
    command = run_sampled([sys.executable, "-m", "depeche.flows.cli", "run", "--raw", str(raw), "--warehouse",
                           str(warehouse), *options, "--summary-json", str(summary_path)], env)
    summary = json.loads(summary_path.read_text(encoding="utf-8"))
    words = sum(map(word_count, clean_texts(warehouse, summary["run_id"])))
    return PipelineRun(command, summary, words, directory_bytes(warehouse))


# ------------------------------------------------------------------------------- bare spaCy
@dataclass
class BareSpacy:
    command: Command
    documents: int
    words: int
    seconds: float


def bare_spacy(texts_path: Path) -> None:
    """The child process: print {documents, words, seconds} of `nlp.pipe` over the texts (one JSON string a line)."""
    import spacy

    texts = [json.loads(line) for line in texts_path.read_text(encoding="utf-8").splitlines()]
    nlp = spacy.load(MODEL)
    started = time.perf_counter()
    for _ in nlp.pipe(texts):
        pass
    seconds = time.perf_counter() - started
    print(json.dumps({"documents": len(texts), "words": sum(map(word_count, texts)), "seconds": seconds}))


def run_bare_spacy(warehouse: Path, work: Path, env: dict[str, str]) -> BareSpacy:
    texts_path = work / "clean_texts.jsonl"
    with texts_path.open("w", encoding="utf-8") as out:
        for text in clean_texts(warehouse):
            out.write(json.dumps(text, ensure_ascii=False) + "\n")
    command = run_sampled([sys.executable, str(Path(__file__).resolve()), "--bare-spacy", str(texts_path)], env)
    result = json.loads(command.stdout.splitlines()[-1])
    return BareSpacy(command, result["documents"], result["words"], result["seconds"])


# ------------------------------------------------------------------------------- HTML cleaning
@dataclass
class HtmlCleaning:
    pages: int
    ours: float  # seconds
    trafilatura: float


def time_html_cleaning(raw: Path) -> HtmlCleaning | None:
    """None when the corpus has no HTML page (fewer than 6 documents)."""
    import trafilatura

    from depeche.tasks.clean import clean_document
    from depeche.tasks.ingest import hash_file, read_document

    pages = [read_document(hash_file(str(p), MAX_PAGE_BYTES), MAX_PAGE_BYTES).text for p in sorted(raw.glob("*.html"))]
    if not pages:
        return None
    for page in pages:  # a first pass runs every lazy loader (dateparser's locales and time zones…): steady state is measured
        clean_document(page, "html"), trafilatura.extract(page)
    ours = theirs = 0.0
    for page in pages:  # alternately, so a slower moment of this shared machine costs both the same
        started = time.perf_counter()
        clean_document(page, "html")
        middle = time.perf_counter()
        trafilatura.extract(page)
        ours, theirs = ours + middle - started, theirs + time.perf_counter() - middle
    return HtmlCleaning(len(pages), ours, theirs)


# ------------------------------------------------------------------------------- the table
HEADER = ("section", "name", "docs", "seconds", "docs/s", "words/s", "MiB", "ratio", "target", "result")
ALIGN = ("<", "<", ">", ">", ">", ">", ">", ">", ">", "<")


def rate(count: int | None, seconds: float | None, decimals: int) -> str:
    return f"{count / seconds:,.{decimals}f}" if count and seconds else ""


def _seconds(seconds: float) -> str:
    """Tenths, but thousandths under a second: a stage of a few documents (a load of six takes some
    30 ms since a run holds its DuckDB connection) must not read as 0.0."""
    return f"{seconds:,.1f}" if seconds >= 1 else f"{seconds:.3f}"


def row(section: str, name: str, docs: int | None = None, seconds: float | None = None, words: int | None = None,
        mib: float | None = None, ratio: float | None = None, target: tuple[str, float] | None = None) -> tuple[str, ...]:
    """One line of the table: docs/s and words/s follow from docs, words and seconds; `target`, (≥ or ≤, bound),
    applies to the ratio or, without one, to the MiB."""
    measured = ratio if ratio is not None else mib
    met = ""
    if target and measured is not None:
        sign, bound = target
        met = "met" if (measured >= bound if sign == "≥" else measured <= bound) else "NOT MET"
    return (section, name, "" if docs is None else f"{docs:,}", "" if seconds is None else _seconds(seconds),
            rate(docs, seconds, 1), rate(words, seconds, 0), "" if mib is None else f"{mib:,.0f}",
            "" if ratio is None else f"{ratio:.2f}", f"{target[0]} {target[1]:g}" if target else "", met)


def memory_rows(section: str, memory: MemorySampler) -> list[tuple[str, ...]]:
    rows = [row(section, "peak RSS flow process", mib=memory.peak("root") / MIB, target=("≤", FLOW_RSS_TARGET_MIB))]
    if worker := memory.peak("worker"):
        rows.append(row(section, "peak RSS largest worker", mib=worker / MIB, target=("≤", WORKER_RSS_TARGET_MIB)))
    return rows + [row(section, "peak RSS total", mib=memory.total / MIB)]


def pipeline_rows(name: str, run: PipelineRun) -> list[tuple[str, ...]]:
    summary, loaded = run.summary, run.summary["docs_loaded"]
    rows = [row(name, "run (its own time)", loaded, summary["seconds"]),
            row(name, "wall (whole command)", summary["docs_seen"], run.command.wall)]
    if loaded:
        rows += [row(name, stage, loaded, summary["stage_seconds"][stage], run.words) for stage in STAGES]
    return rows + memory_rows(name, run.command.memory) + [row(name, "warehouse on disk", mib=run.warehouse_bytes / MIB)]


def ratio_rows(rounds: list[dict[str, PipelineRun]], spacy: BareSpacy | None, htmls: list[HtmlCleaning]) -> list[tuple[str, ...]]:
    """The ratios of each round, as the median over rounds (and their range when there are several)."""
    def run_time(runs: dict[str, PipelineRun], name: str) -> float:
        return runs[name].summary["seconds"]

    def wall(runs: dict[str, PipelineRun], name: str) -> float:
        return runs[name].command.wall

    def ratio(name: str, values: list[float], target: tuple[str, float] | None = None) -> tuple[str, ...]:
        if len(values) > 1:
            name = f"{name} (median of {len(values)}: {min(values):.2f}–{max(values):.2f})"
        return row("ratio", name, ratio=statistics.median(values), target=target)

    names = rounds[0].keys() if rounds else set()
    rows = []
    if {"workers1", "workers2"} <= names:
        rows += [ratio("workers1 ÷ workers2, run time", [run_time(r, "workers1") / run_time(r, "workers2") for r in rounds], ("≥", 1.7)),
                 ratio("workers1 ÷ workers2, wall", [wall(r, "workers1") / wall(r, "workers2") for r in rounds])]
    if spacy:
        rows.append(ratio("workers2 run time ÷ bare spaCy", [run_time(rounds[0], "workers2") / spacy.seconds], ("≤", 0.8)))
    if "noop" in names:
        rows.append(ratio("no-op re-run ÷ first run, wall", [wall(r, "noop") / wall(r, "workers2") for r in rounds]))
    if htmls:
        rows.append(ratio("our HTML ÷ trafilatura, pages/s", [html.trafilatura / html.ours for html in htmls], ("≥", 0.8)))
    if {"dask", "workers2"} <= names:
        rows.append(ratio("dask ÷ default runner, run time", [run_time(r, "dask") / run_time(r, "workers2") for r in rounds], ("≤", 1.1)))
    return rows


def print_table(rows: list[tuple[str, ...]]) -> None:
    widths = [max(len(r[i]) for r in [HEADER, *rows]) for i in range(len(HEADER))]
    print("  ".join(f"{h:{a}{w}}" for h, a, w in zip(HEADER, ALIGN, widths)).rstrip())
    print("  ".join("-" * w for w in widths))
    for r in rows:
        print("  ".join(f"{c:{a}{w}}" for c, a, w in zip(r, ALIGN, widths)).rstrip())


NOTES = """
- stage seconds (clean, tag, load) are the run's own, summed over workers (task time, not wall
  time): with 2 workers a stage's docs/s is per worker-second. docs = documents loaded; words =
  whitespace-separated words of their clean_text in the warehouse.
- run: from planning to the run's record, as `depeche run` reports it; wall: the whole command,
  process start to exit (interpreter, Prefect and model start-up included); its docs/s is end to end.
- peak RSS: sampled every 0.1 s; a worker is a child process doing the work (a pool or Dask worker);
  RSS counts pages shared with the parent in each process, and the total is the sum at its highest moment.
- bare spaCy: `spacy.load("fr_core_news_md")`, `nlp.pipe` over the workers2 warehouse's clean_text,
  one process; seconds = the pipe only. HTML: our cleaner and trafilatura.extract alternately on each
  HTML page of the corpus, pages/s in the docs/s column.""".strip("\n")


def short(command: str, width: int = 110) -> str:
    command = command.replace(sys.executable, "python")
    return command if len(command) <= width else command[: width - 1] + "…"


def print_processes(commands: dict[str, Command]) -> None:
    print("\nprocesses (peak RSS, command line):")
    for name, command in commands.items():
        for peak in sorted(command.memory.processes.values(), key=lambda p: -p.rss):
            print(f"  {name:9} {peak.kind:14} pid {peak.pid:<7} {peak.rss / MIB:7,.0f} MiB  {short(peak.command)}")


# ------------------------------------------------------------------------------- main
def selected_measurements(only: str | None) -> list[str]:
    if not only:
        return list(MEASUREMENTS)
    chosen = {name.strip() for name in only.split(",") if name.strip()}
    unknown = chosen - set(MEASUREMENTS)
    if unknown:
        sys.exit(f"--only: unknown measurement(s) {', '.join(sorted(unknown))}; choose from {', '.join(MEASUREMENTS)}")
    if chosen & set(NEEDS_WORKERS2):
        chosen.add("workers2")
    return [name for name in MEASUREMENTS if name in chosen]


@dataclass
class Results:
    corpus: CorpusStats
    rounds: list[dict[str, PipelineRun]] = field(default_factory=list)  # each round's runs, by measurement
    spacy: BareSpacy | None = None
    htmls: list[HtmlCleaning] = field(default_factory=list)  # one a round
    load_before: float = field(default_factory=lambda: os.getloadavg()[0])  # others' work on this shared machine


def measure(docs: int, seed: int, work: Path, measurements: list[str], rounds: int = 1) -> Results:
    raw = work / "raw"
    started = time.perf_counter()
    results = Results(write_corpus(raw, docs, seed))
    corpus = results.corpus
    print(f"corpus: {corpus.documents:,} documents ({corpus.text:,} text, {corpus.html:,} HTML, "
          f"{corpus.n_bytes / 1e6:.1f} MB) in {raw}, seed {seed}, written in {time.perf_counter() - started:.1f} s",
          flush=True)
    # The runs' own Prefect database, not the user's: the CLI puts it under XDG_DATA_HOME unless told otherwise.
    env = {name: value for name, value in os.environ.items() if name not in ("PREFECT_HOME", "PREFECT_API_URL")}
    env["XDG_DATA_HOME"] = str(work / "xdg")
    for number in range(1, rounds + 1):
        round_work = work if rounds == 1 else work / f"round-{number}"
        runs: dict[str, PipelineRun] = {}
        for name in measurements:
            if name == "spacy" and number > 1:
                continue  # its own process, its own model: one measurement is enough
            print(f"{name} …" if rounds == 1 else f"round {number}: {name} …", flush=True)
            if name in PIPELINE_RUNS:
                runs[name] = run_pipeline(name, raw, round_work, env)
            elif name == "spacy":
                results.spacy = run_bare_spacy(round_work / PIPELINE_RUNS["workers2"][0], work, env)
            elif html := time_html_cleaning(raw):
                results.htmls.append(html)
        results.rounds.append(runs)
    return results


def median_run(rounds: list[dict[str, PipelineRun]], name: str) -> PipelineRun:
    ordered = sorted((runs[name] for runs in rounds), key=lambda run: run.summary["seconds"])
    return ordered[(len(ordered) - 1) // 2]


def report(results: Results) -> None:
    names = list(results.rounds[0]) if results.rounds else []
    runs = {name: median_run(results.rounds, name) for name in names}
    rows = [line for name, run in runs.items() for line in pipeline_rows(name, run)]
    commands = {name: run.command for name, run in runs.items()}
    if spacy := results.spacy:
        rows += [row("spacy", "bare spaCy pipe", spacy.documents, spacy.seconds, spacy.words),
                 row("spacy", "wall (whole command)", spacy.documents, spacy.command.wall),
                 row("spacy", "peak RSS", mib=spacy.command.memory.peak("root") / MIB)]
        commands["spacy"] = spacy.command
    if results.htmls:
        html = sorted(results.htmls, key=lambda h: h.trafilatura / h.ours)[(len(results.htmls) - 1) // 2]
        rows += [row("html", "our clean_document", html.pages, html.ours),
                 row("html", "trafilatura.extract", html.pages, html.trafilatura)]
    rows += ratio_rows(results.rounds, results.spacy, results.htmls)
    print(f"\npipeline bench: {results.corpus.documents:,} documents, {len(results.rounds)} round(s), {os.cpu_count()} CPU(s), "
          f"load average (1 min) {results.load_before:.1f} at the start, {os.getloadavg()[0]:.1f} at the end")
    print_table(rows)
    print(NOTES)
    print_processes(commands)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--docs", type=int, help="articles in the generated corpus")
    parser.add_argument("--out", type=Path, help="work directory, absent or empty (default: a new temporary directory)")
    parser.add_argument("--only", help=f"comma-separated measurements among {','.join(MEASUREMENTS)} (default: all)")
    parser.add_argument("--rounds", type=int, default=1, help="measure K times in turn; ratios are medians (default 1)")
    parser.add_argument("--keep", action="store_true", help="keep the work directory")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--bare-spacy", type=Path, metavar="FILE", help=argparse.SUPPRESS)  # the bench's own child process
    args = parser.parse_args(argv)
    if args.bare_spacy:
        bare_spacy(args.bare_spacy)
        return 0
    if not args.docs or args.docs < 1:
        parser.error("--docs N (N ≥ 1) is required")
    if args.rounds < 1:
        parser.error("--rounds K needs K ≥ 1")
    measurements = selected_measurements(args.only)
    if args.out and args.out.exists() and any(args.out.iterdir()):
        parser.error(f"--out {args.out} is not empty: a previous corpus or warehouse would change the measurements")
    work = args.out or Path(tempfile.mkdtemp(prefix="depeche-pipeline-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        report(measure(args.docs, args.seed, work.resolve(), measurements, args.rounds))
    finally:
        if args.keep:
            print(f"\nkept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
