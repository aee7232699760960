"""Events and quotes against the gold annotation of the sample corpus, and the stage's throughput.

    python bench/events_bench.py [-v] [--copies 5]
    python bench/events_bench.py --set heldout    # other outlets; written blind, then used to develop the coder
    python bench/events_bench.py --set heldout2   # other outlets; written blind, measured once, then used to develop
    python bench/events_bench.py --set heldout3   # other outlets; written blind, measured once, then used to develop
    python bench/events_bench.py --set dev_en     # English and French calls, hostings, agreements; written blind to develop with
    python bench/events_bench.py --set blind      # written blind (issue 16), measured once, before the last changes
    python bench/events_bench.py --set blind2     # written blind (issue 16), measured once, at the end
    python bench/events_bench.py --set blind3     # written blind (issue 16, a later stop), measured once, at its end
    python bench/events_bench.py --set sample --set heldout ... --no-speed   # one summary row per set

Events match one to one when they share the CAMEO root and the same actors (the unordered pair of
non-null actor ids; a capital standing for its government counts as its country). Date accuracy is
over matched events: same date at the gold precision (a 'reported' gold date matches a 'reported'
prediction), reported separately for documents with and without a publication date (without one,
only absolute dates can be resolved). Quotes match when one text contains the other; speaker
accuracy is over matched quotes (a capital speaking counts as its country, on both sides, as for events); "predicted per gold" counts every quote the stage returned (a
scare-quoted term it takes for a quotation inflates it). Events are also scored by the article's
language.
Throughput: sentences/s of the event and quote stage alone, and its share of the whole analysis.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from depeche.tasks import batch, ingest  # noqa: E402
from depeche.tasks.gazetteer import load_gazetteer  # noqa: E402
from depeche.tasks.settings import Settings  # noqa: E402

# The gold sets written before the gazetteer grew from 671 people to thousands (issue 20) code a
# person it lacked then as the country or organisation they act for, as their conventions say; so
# those sets are scored with that gazetteer's people: a person added since counts as their body.
PEOPLE_2025 = ROOT / "bench" / "gold" / "event_gold_people_2025.txt"
SETS = {  # name -> (raw articles, gold annotations, the people the gold could name: None = today's gazetteer)
    "sample": (ROOT / "data" / "raw", ROOT / "tests" / "gold" / "events", PEOPLE_2025),
    "heldout": (ROOT / "tests" / "fixtures" / "heldout", ROOT / "tests" / "gold" / "events_heldout", PEOPLE_2025),
    "heldout2": (ROOT / "tests" / "fixtures" / "heldout2", ROOT / "tests" / "gold" / "events_heldout2", PEOPLE_2025),
    "heldout3": (ROOT / "tests" / "fixtures" / "heldout3", ROOT / "tests" / "gold" / "events_heldout3", PEOPLE_2025),
    "dev_en": (ROOT / "tests" / "fixtures" / "events_dev_en", ROOT / "tests" / "gold" / "events_dev_en", PEOPLE_2025),
    "blind": (ROOT / "bench" / "blind" / "events" / "raw", ROOT / "bench" / "blind" / "events" / "gold", PEOPLE_2025),
    "blind2": (ROOT / "bench" / "blind" / "events2" / "raw", ROOT / "bench" / "blind" / "events2" / "gold", PEOPLE_2025),
    "blind3": (ROOT / "bench" / "blind" / "events3" / "raw", ROOT / "bench" / "blind" / "events3" / "gold", None),
}
ARTICLE_SUFFIXES = (".txt", ".html", ".htm")


def read_people(path: Path | None) -> frozenset[str] | None:
    if path is None:
        return None
    return frozenset(line.strip() for line in path.read_text(encoding="utf-8").splitlines() if line.strip() and not line.startswith("#"))


def as_actor(entity_id: str | None, people: frozenset[str] | None = None) -> str | None:
    """Capitals with a government actor code stand for their country, as the coder does; a person
    outside `people` (those the gold could name) stands for the organisation of their
    intergovernmental actor code, else for their country."""
    if not entity_id:
        return None
    gazetteer = load_gazetteer()
    entity = gazetteer.entities.get(entity_id)
    if entity and entity.label == "LOC" and entity.actor_code and entity.country_code and not entity_id.startswith("country-"):
        return f"country-{entity.country_code.lower()}"
    if entity and entity.label == "PER" and people is not None and entity_id not in people:
        code = entity.actor_code or ""
        if code.startswith("IGO"):
            return _organisation_of(code) or entity_id
        if entity.country_code:
            return f"country-{entity.country_code.lower()}"
    return entity_id


_ORGANISATIONS: dict[str, str] = {}


def _organisation_of(actor_code: str) -> str | None:
    """The first organisation of the reference file with this actor code (its main body)."""
    if not _ORGANISATIONS:
        for entity_id, entity in load_gazetteer().entities.items():
            if entity.label == "ORG" and entity.actor_code and not entity.country_code:
                _ORGANISATIONS.setdefault(entity.actor_code, entity_id)
    return _ORGANISATIONS.get(actor_code)


def actors(a1, a2, people: frozenset[str] | None = None) -> frozenset:
    return frozenset(x for x in (as_actor(a1, people), as_actor(a2, people)) if x)


def same_date(predicted, gold) -> bool:
    if gold["date_precision"] == "reported":
        return predicted["date_precision"] == "reported"
    if predicted["event_date"] is None or gold["date"] is None:
        return False
    return predicted["event_date"].isoformat().startswith(gold["date"])


def article_files(settings: Settings) -> list:
    return [ingest.hash_file(str(p), settings.max_file_bytes) for p in sorted(settings.raw_dir.iterdir()) if p.suffix in ARTICLE_SUFFIXES]


def analyse(settings: Settings):
    files = article_files(settings)
    return batch.analyse_batch(batch.prepare_batch(files, settings), settings, "bench")


def quality(settings: Settings, gold_dir: Path, verbose: bool = False, out=print, people: frozenset[str] | None = None) -> dict:
    """Scores against the gold, printed through `out`; returns the totals (counts) for callers.
    `people`: the persons the gold could name (None: today's gazetteer's)."""
    tables = analyse(settings)
    for reject in tables["rejects"].to_pylist() if "rejects" in tables else []:
        out(f"   REJECTED {Path(reject.get('source_path') or '?').name}: {reject.get('reason')}")
    documents = {d["doc_id"]: (Path(d["source_path"]).stem, d["published_at"]) for d in tables["documents"].to_pylist()}
    languages = {d["doc_id"]: d["language"] for d in tables["documents"].to_pylist()}
    by_language: dict[str, list[int]] = {}  # language -> [matched, predicted, gold]
    events = tables["events"].to_pylist()
    quotes = tables["quotes"].to_pylist()
    totals = dict(tp=0, predicted=0, gold=0, dates=0, quotes_gold=0, quotes_found=0, quotes_predicted=0, speakers=0, dated_tp=0, dated_dates=0)
    out(f"{'doc':5} {'gold':>5} {'found':>6} {'match':>6} {'P':>6} {'R':>6} {'dates':>6} {'quotes':>7} {'speaker':>8}  published")
    for doc_id, (stem, published) in sorted(documents.items(), key=lambda item: item[1][0]):
        gold = json.loads((gold_dir / f"{stem}.json").read_text(encoding="utf-8"))
        predicted = [e for e in events if e["doc_id"] == doc_id]
        unmatched = list(gold["events"])
        matched = []
        pending = list(predicted)
        # Same root and actors is a match; pairs with the very same code are made first, so a
        # 036 is not spent on a gold 030 of the same actors while the gold 036 goes unmatched.
        for code_length in (3, 2):
            for event in list(pending):
                hit = next(
                    (g for g in unmatched if g["cameo_code"][:code_length] == event["cameo_code"][:code_length]
                     and actors(g["actor1"], g["actor2"], people) == actors(event["actor1_id"], event["actor2_id"], people)),
                    None,
                )
                if hit is not None:
                    unmatched.remove(hit)
                    pending.remove(event)
                    matched.append((event, hit))
        if verbose:
            for event in pending:
                out("   false:", event["cameo_code"], event["actor1_id"], event["actor2_id"], event["trigger"])
        if verbose:
            for g in unmatched:
                out("   missed:", g["cameo_code"], g["actor1"], g["actor2"], g["trigger"])
        dates = sum(same_date(e, g) for e, g in matched)
        if verbose:
            for e, g in matched:
                if not same_date(e, g):
                    out("   date:", e["cameo_code"], e["event_date"], e["date_precision"], "gold", g["date"], g["date_precision"], "|", g["trigger"][:50])
        doc_quotes = [q for q in quotes if q["doc_id"] == doc_id]
        found = speakers = 0
        for g in gold["quotes"]:
            q = next((q for q in doc_quotes if g["text"].strip() in q["text"] or q["text"].strip() in g["text"]), None)
            if q is None and verbose:
                out("   missed quote:", g["speaker"], "|", g["text"][:70])
            if q is not None:
                found += 1
                right = as_actor(q["speaker_id"], people) == as_actor(g["speaker"], people)
                speakers += right
                if verbose and not right:
                    out("   speaker:", q["speaker_id"], "gold", g["speaker"], "|", g["text"][:50])
        if verbose:
            for q in doc_quotes:
                if not any(g["text"].strip() in q["text"] or q["text"].strip() in g["text"] for g in gold["quotes"]):
                    out("   extra quote:", q["speaker_id"], "|", q["text"][:70])
        p = len(matched) / len(predicted) if predicted else 0.0
        r = len(matched) / len(gold["events"]) if gold["events"] else 0.0
        out(f"{stem[:3]:5} {len(gold['events']):5d} {len(predicted):6d} {len(matched):6d} {p:6.2f} {r:6.2f} "
              f"{dates:3d}/{len(matched):<2d} {found:3d}/{len(gold['quotes']):<3d} {speakers:4d}/{found:<3d}  {published or '-'}")
        counts = by_language.setdefault(languages[doc_id] or "?", [0, 0, 0])
        for k, value in enumerate((len(matched), len(predicted), len(gold["events"]))):
            counts[k] += value
        totals["quotes_predicted"] += len(doc_quotes)
        if published is not None:
            totals["dated_tp"] += len(matched)
            totals["dated_dates"] += dates
        for key, value in (("tp", len(matched)), ("predicted", len(predicted)), ("gold", len(gold["events"])),
                           ("dates", dates), ("quotes_gold", len(gold["quotes"])), ("quotes_found", found), ("speakers", speakers)):
            totals[key] += value
    t = totals
    out(f"\nevents: precision {t['tp'] / max(t['predicted'], 1):.3f}  recall {t['tp'] / max(t['gold'], 1):.3f}  "
          f"date accuracy {t['dates'] / max(t['tp'], 1):.3f} (of {t['tp']} matched; "
          f"{t['dated_dates'] / max(t['dated_tp'], 1):.3f} of the {t['dated_tp']} in dated documents)")
    out(f"quotes: found {t['quotes_found']}/{t['quotes_gold']}  speaker accuracy {t['speakers'] / max(t['quotes_found'], 1):.3f}  "
        f"predicted per gold {t['quotes_predicted'] / max(t['quotes_gold'], 1):.2f}")
    for language, (tp, predicted, gold) in sorted(by_language.items()):
        out(f"events in '{language}': precision {tp / max(predicted, 1):.3f}  recall {tp / max(gold, 1):.3f}  ({tp} of {gold}; {predicted} found)")
    totals["by_language"] = by_language
    return totals


def speed(settings: Settings, copies: int) -> None:
    """Sentences/s of the event and quote stage, and its share of the analysis of the same documents."""
    from depeche.tasks import events, link, nlp  # noqa: F401

    files = article_files(settings)
    prepared = batch.prepare_batch(files, settings)
    prepared.documents = prepared.documents * copies
    batch.analyse_batch(batch.PreparedBatch(prepared.documents[:1]), settings, "warm")
    stage_seconds = 0.0
    original = batch._events_and_quotes

    def timed(*args, **kwargs):
        nonlocal stage_seconds
        started = time.perf_counter()
        try:
            return original(*args, **kwargs)
        finally:
            stage_seconds += time.perf_counter() - started

    batch._events_and_quotes = timed
    started = time.perf_counter()
    tables = batch.analyse_batch(prepared, settings, "bench")
    total = time.perf_counter() - started
    batch._events_and_quotes = original
    sentences = tables["sentences"].num_rows
    print(f"{'sentences':>9} {'events+quotes s':>15} {'sentences/s':>11} {'analysis s':>10} {'share':>6}")
    print(f"{sentences:9d} {stage_seconds:15.2f} {sentences / stage_seconds:11.0f} {total:10.2f} {stage_seconds / total:6.1%}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--copies", type=int, default=5)
    parser.add_argument("--set", choices=sorted(SETS), action="append", help="one or more sets (default: sample)")
    parser.add_argument("--no-speed", action="store_true")
    parser.add_argument("-v", action="store_true")
    args = parser.parse_args()
    names = args.set or ["sample"]
    summary = []
    for name in names:
        raw_dir, gold_dir, people = SETS[name]
        settings = Settings(raw_dir=raw_dir)
        if len(names) > 1:
            print(f"\n== {name}")
        t = quality(settings, gold_dir, args.v, people=read_people(people))
        summary.append((name, t))
        if not args.no_speed:
            print()
            speed(settings, args.copies)
    if len(summary) > 1:
        print(f"\n{'set':11} {'gold':>5} {'P':>6} {'R':>6} {'speaker':>8} {'quotes/gold':>11}  events in English (R)")
        for name, t in summary:
            english = t["by_language"].get("en")
            english_recall = f"{english[0] / english[2]:.2f} ({english[0]}/{english[2]})" if english and english[2] else "-"
            print(f"{name:11} {t['gold']:5d} {t['tp'] / max(t['predicted'], 1):6.3f} {t['tp'] / max(t['gold'], 1):6.3f} "
                  f"{t['speakers'] / max(t['quotes_found'], 1):8.3f} {t['quotes_predicted'] / max(t['quotes_gold'], 1):11.2f}  {english_recall}")


if __name__ == "__main__":
    main()
