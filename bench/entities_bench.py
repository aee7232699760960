"""Entity linking against the gold annotation of the sample corpus, and tagging throughput.

    python bench/entities_bench.py quality      # P/R/F1 of distinct canonical entities, linked vs raw spaCy
    python bench/entities_bench.py speed [--copies 10] [--repeats 3]   # words/s: bare spaCy vs + linking

Quality: per document, the distinct PER/ORG/LOC entities the pipeline finds are compared with
tests/gold/entities/<doc>.json. A predicted entity matches a gold one by reference id, or, for
gold entities outside the gazetteer, by name. Raw spaCy has no canonical entities: each distinct
surface it tags is one predicted entity, matching a gold entity when it is one of its surfaces
(a second surface of the same entity is a duplicate, hence a false positive).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections import defaultdict
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from depeche.tasks import batch, ingest, nlp, segment  # noqa: E402
from depeche.tasks.tag import fold  # noqa: E402
from depeche.tasks.settings import Settings  # noqa: E402

GOLD = ROOT / "tests" / "gold" / "entities"
LABELS = ("PER", "ORG", "LOC")


def key(text: str) -> str:
    return fold(text)


def pipeline_tables(settings: Settings) -> dict:
    files = [ingest.hash_file(str(p), settings.max_file_bytes) for p in sorted(settings.raw_dir.glob("*.txt"))]
    return batch.analyse_batch(batch.prepare_batch(files, settings), settings, "bench")


class Score:
    def __init__(self) -> None:
        self.tp = self.fp = self.fn = 0

    def add(self, tp: int, fp: int, fn: int) -> None:
        self.tp, self.fp, self.fn = self.tp + tp, self.fp + fp, self.fn + fn

    def prf(self) -> tuple[float, float, float]:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def linked_prediction(doc_id: str, tables: dict) -> list[tuple[str, str, str]]:
    """(entity_id, name, label) of each distinct entity the pipeline links in a document."""
    entities = {row["entity_id"]: row for row in tables["entities"].to_pylist()}
    found = {m["entity_id"] for m in tables["mentions"].to_pylist() if m["doc_id"] == doc_id}
    return [(e, entities[e]["name"], entities[e]["label"]) for e in found if entities[e]["label"] in LABELS]


def raw_prediction(doc_id: str, text: str, model: str) -> list[tuple[str, str, str]]:
    """Distinct (surface, surface, label) that bare spaCy NER tags in the same clean text."""
    pipeline = nlp.load_tagger(model)
    found = {}
    for span in segment.paragraph_spans(text):
        for ent in pipeline(text[span.start : span.end]).ents:
            if ent.label_ in LABELS:
                found.setdefault(key(ent.text), (ent.text, ent.text, ent.label_))
    return list(found.values())


def match(predicted: list[tuple[str, str, str]], gold: list[dict], by_id: bool) -> tuple[list[bool], set[int]]:
    """For each prediction whether it is correct (first hit of a gold entity), and the gold hit."""
    hit: set[int] = set()
    correct = []
    for entity_id, name, _ in predicted:
        target = None
        for index, g in enumerate(gold):
            surfaces = {key(s) for s in g["surfaces"]} | {key(g["name"])}
            if (by_id and g["entity_id"] and g["entity_id"] == entity_id) or (
                (not by_id or not g["entity_id"]) and key(name) in surfaces
            ):
                target = index
                break
        correct.append(target is not None and target not in hit)
        if target is not None:
            hit.add(target)
    return correct, hit


def quality(settings: Settings) -> None:
    tables = pipeline_tables(settings)
    documents = tables["documents"].to_pylist()
    scores = {"linked": defaultdict(Score), "raw spaCy": defaultdict(Score)}
    rows = []
    for doc in sorted(documents, key=lambda d: d["source_path"]):
        stem = Path(doc["source_path"]).stem
        gold = json.loads((GOLD / f"{stem}.json").read_text(encoding="utf-8"))
        predictions = {
            "linked": (linked_prediction(doc["doc_id"], tables), True),
            "raw spaCy": (raw_prediction(doc["doc_id"], doc["clean_text"], settings.spacy_models["fr"]), False),
        }
        for system, (predicted, by_id) in predictions.items():
            correct, hit = match(predicted, gold, by_id)
            doc_score = Score()
            doc_score.add(sum(correct), len(correct) - sum(correct), len(gold) - len(hit))
            scores[system]["all"].add(doc_score.tp, doc_score.fp, doc_score.fn)
            for label in LABELS:
                tp = sum(1 for ok, p in zip(correct, predicted) if ok and p[2] == label)
                fp = sum(1 for ok, p in zip(correct, predicted) if not ok and p[2] == label)
                fn = sum(1 for i, g in enumerate(gold) if i not in hit and g["label"] == label)
                scores[system][label].add(tp, fp, fn)
            rows.append((stem[:3], system, *doc_score.prf()))
            if system == "linked" and "-v" in sys.argv:
                print(stem, "false:", [p[1] for ok, p in zip(correct, predicted) if not ok],
                      "missed:", [g["name"] for i, g in enumerate(gold) if i not in hit])
    print(f"{'doc':6} {'system':10} {'P':>6} {'R':>6} {'F1':>6}")
    for row in rows:
        print(f"{row[0]:6} {row[1]:10} {row[2]:6.3f} {row[3]:6.3f} {row[4]:6.3f}")
    print()
    print(f"{'scope':6} {'system':10} {'P':>6} {'R':>6} {'F1':>6}")
    for scope in ("all", *LABELS):
        for system in scores:
            p, r, f = scores[system][scope].prf()
            print(f"{scope:6} {system:10} {p:6.3f} {r:6.3f} {f:6.3f}")


def _texts(settings: Settings, copies: int) -> list[tuple[str, object]]:
    tables = pipeline_tables(settings)
    docs = tables["documents"].to_pylist()
    return [(d["clean_text"], d["published_at"]) for d in docs] * copies


def _work(args) -> tuple[int, float]:
    """Tag (and optionally link) texts in this process; returns (words, seconds)."""
    texts, model, with_linking = args
    from depeche.tasks import link, tag
    from depeche.tasks.gazetteer import load_gazetteer

    pipeline = nlp.load_tagger(model)
    gazetteer = load_gazetteer()
    pipeline("warm up")
    started = time.perf_counter()
    words = 0
    for text, published in texts:
        spans = segment.paragraph_spans(text)
        ner, bounds = [], []
        for span, doc in zip(spans, pipeline.pipe([text[s.start : s.end] for s in spans])):
            words += len(doc)
            if with_linking:
                bounds += [segment.Sentence(s.start, s.end, len(bounds) + i) for i, s in enumerate(segment.sentence_spans(span, doc, text))]
                ner += tag.ner_mentions(span.start, doc, text[span.start : span.end])
        if with_linking:
            link.link_document(text, ner, bounds, gazetteer, published)
    return words, time.perf_counter() - started


def speed(settings: Settings, copies: int, repeats: int) -> None:
    """Bare spaCy and spaCy + linking, alternated `repeats` times (median): this machine is shared."""
    texts = _texts(settings, copies)
    model = settings.spacy_models["fr"]
    cores = os.cpu_count() or 1
    rates: dict[tuple[bool, int], list[float]] = defaultdict(list)
    for _ in range(repeats):
        for with_linking in (False, True):
            words, seconds = _work((texts, model, with_linking))
            rates[(with_linking, 1)].append(words / seconds)
            chunks = [texts[i::cores] for i in range(cores)]
            with ProcessPoolExecutor(cores) as pool:
                parts = list(pool.map(_work, [(chunk, model, with_linking) for chunk in chunks]))
            rates[(with_linking, cores)].append(sum(w for w, _ in parts) / max(s for _, s in parts))
    median = {k: sorted(v)[len(v) // 2] for k, v in rates.items()}
    print(f"{'system':28} {'cores':>5} {'median words/s':>15}")
    for (with_linking, n), rate in sorted(median.items(), key=lambda item: (item[0][1], item[0][0])):
        name = "spaCy senter+ner" + (" + linking" if with_linking else "")
        print(f"{name:28} {n:5d} {rate:15.0f}")
    for n in (1, cores):
        print(f"linking adds {median[(False, n)] / median[(True, n)] - 1:+.1%} to spaCy's time on {n} core(s)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("what", choices=("quality", "speed"))
    parser.add_argument("--copies", type=int, default=10)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("-v", action="store_true", help="list false and missed entities per document")
    args = parser.parse_args()
    settings = Settings(raw_dir=ROOT / "data" / "raw")
    quality(settings) if args.what == "quality" else speed(settings, args.copies, args.repeats)


if __name__ == "__main__":
    main()
