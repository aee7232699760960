"""Entity linking against gold annotations, per language, and tagging throughput.

    python bench/entities_bench.py quality [--set sample --set dev --set blind --set blind2 --set blind3 --set blind4] [-v]
    python bench/entities_bench.py speed [--copies 10] [--repeats 3]   # words/s: bare spaCy vs + linking

Quality: per document, the distinct PER/ORG/LOC entities the pipeline finds are compared with the
set's gold (`sample`: data/raw/ with tests/gold/entities/; `dev`: tests/fixtures/entities_dev/;
`blind`, `blind2`, `blind3`, `blind4`: bench/blind/entities*/, written by helpers that never saw the code). A predicted entity
matches a gold one by reference id, or, for gold entities outside the reference data, when one
of its surfaces in the document is one of the gold surfaces. Raw spaCy (French pages only) has no
canonical entities: each distinct surface it tags is one predicted entity, matching a gold entity
when it is one of its surfaces (a second surface of the same entity is a duplicate, hence a false
positive). Role phrases ("der russische Präsident"): the share of gold role mentions whose holder
the reference data knows that a mention over the phrase links to that holder.
"""

from __future__ import annotations

import argparse
import json
import os
import re
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

LABELS = ("PER", "ORG", "LOC")
SETS = {
    "sample": (ROOT / "data" / "raw", ROOT / "tests" / "gold" / "entities"),
    "dev": (ROOT / "tests" / "fixtures" / "entities_dev" / "raw", ROOT / "tests" / "fixtures" / "entities_dev" / "gold"),
    "blind": (ROOT / "bench" / "blind" / "entities" / "raw", ROOT / "bench" / "blind" / "entities" / "gold"),
    "blind2": (ROOT / "bench" / "blind" / "entities2" / "raw", ROOT / "bench" / "blind" / "entities2" / "gold"),
    "blind3": (ROOT / "bench" / "blind" / "entities3" / "raw", ROOT / "bench" / "blind" / "entities3" / "gold"),
    "blind4": (ROOT / "bench" / "blind" / "entities4" / "raw", ROOT / "bench" / "blind" / "entities4" / "gold"),
    "blind5": (ROOT / "bench" / "blind" / "entities5" / "raw", ROOT / "bench" / "blind" / "entities5" / "gold"),
    "blind6": (ROOT / "bench" / "blind" / "entities6" / "raw", ROOT / "bench" / "blind" / "entities6" / "gold"),
    "blind7": (ROOT / "bench" / "blind" / "entities7" / "raw", ROOT / "bench" / "blind" / "entities7" / "gold"),
    "blind8": (ROOT / "bench" / "blind" / "entities8" / "raw", ROOT / "bench" / "blind" / "entities8" / "gold"),
}


LEADING_ARTICLES = re.compile(r"^(?:the|la|el|los|las|le|les|der|die|das|den|dem|des|il|lo|o|a|os|as|l')\s*(?=\w)", re.IGNORECASE)


def key(text: str) -> str:
    """Names compared without accents, case or a leading article (the tagger leaves it out: "La
    Moncloa" is the mention « Moncloa »)."""
    return fold(LEADING_ARTICLES.sub("", text.strip()))


def pipeline_tables(settings: Settings) -> dict:
    paths = sorted(p for p in settings.raw_dir.iterdir() if p.suffix in (".txt", ".html"))
    files = [ingest.hash_file(str(p), settings.max_file_bytes) for p in paths]
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


def read_gold(path: Path) -> dict:
    """The older gold files are a bare list of entities (French, no roles)."""
    gold = json.loads(path.read_text(encoding="utf-8"))
    return gold if isinstance(gold, dict) else {"lang": "fr", "entities": gold, "roles": []}


def linked_prediction(doc_id: str, tables: dict) -> list[tuple[str, set[str], str]]:
    """(entity_id, its names and surfaces in the document, label) of each distinct entity linked."""
    entities = {row["entity_id"]: row for row in tables["entities"].to_pylist()}
    surfaces: dict[str, set[str]] = defaultdict(set)
    for m in tables["mentions"].to_pylist():
        if m["doc_id"] == doc_id:
            surfaces[m["entity_id"]].add(m["surface"])
    return [(e, names | {entities[e]["name"]}, entities[e]["label"]) for e, names in surfaces.items() if entities[e]["label"] in LABELS]


def raw_prediction(doc_id: str, text: str, model: str) -> list[tuple[str, set[str], str]]:
    """Distinct (surface, {surface}, label) that bare spaCy NER tags in the same clean text."""
    pipeline = nlp.load_tagger(model)
    found = {}
    for span in segment.paragraph_spans(text):
        for ent in pipeline(text[span.start : span.end]).ents:
            if ent.label_ in LABELS:
                found.setdefault(key(ent.text), (ent.text, {ent.text}, ent.label_))
    return list(found.values())


def match(predicted: list[tuple[str, set[str], str]], gold: list[dict], by_id: bool) -> tuple[list[bool], set[int]]:
    """For each prediction whether it is correct (first hit of a gold entity), and the gold hit."""
    hit: set[int] = set()
    correct = []
    for entity_id, names, _ in predicted:
        folded = {key(n) for n in names}
        # the gold entity of the same id first, then one outside the reference data by its surfaces
        target = next((i for i, g in enumerate(gold) if by_id and g["entity_id"] and g["entity_id"] == entity_id), None)
        if target is None:
            target = next((i for i, g in enumerate(gold) if (not by_id or not g["entity_id"])
                           and folded & ({key(s) for s in g["surfaces"]} | {key(g["name"])})), None)
        correct.append(target is not None and target not in hit)
        if target is not None:
            hit.add(target)
    return correct, hit


def role_outcomes(doc_id: str, text: str, roles: list[dict], tables: dict) -> list[tuple[dict, str | None]]:
    """Each gold role mention whose holder has a reference id, with the entity a mention over it links to."""
    mentions = [m for m in tables["mentions"].to_pylist() if m["doc_id"] == doc_id]
    outcomes = []
    for role in roles:
        if not role.get("entity_id"):
            continue
        start = _locate(text, role["text"], role.get("context", ""))
        found = None
        if start is not None:
            end = start + len(role["text"])
            found = next((m["entity_id"] for m in mentions if m["start_char"] < end and start < m["end_char"] and m["label"] == "PER"), None)
            found = found or next((m["entity_id"] for m in mentions if m["start_char"] < end and start < m["end_char"]), None)
        outcomes.append((role, found))
    return outcomes


def _locate(text: str, phrase: str, context: str) -> int | None:
    """Where the phrase is in the clean text: inside its context when the context survived cleaning."""
    squeezed = " ".join(context.split())
    at = " ".join(text.split()).find(squeezed) if squeezed else -1
    if at >= 0:
        # Offsets in the squeezed text differ from the clean text's; search near the same share of it.
        anchor = max(0, int(at * len(text) / max(1, len(" ".join(text.split())))) - 200)
        found = text.find(phrase, anchor)
        if found >= 0:
            return found
    found = text.find(phrase)
    return found if found >= 0 else None


def quality(settings: Settings, sets: list[str], verbose: bool) -> None:
    scores: dict[tuple[str, str, str, str], Score] = defaultdict(Score)
    roles: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0])
    for name in sets:
        raw_dir, gold_dir = SETS[name]
        tables = pipeline_tables(settings.model_copy(update={"raw_dir": raw_dir}))
        for reject in tables["rejects"].to_pylist():
            # a page the pipeline refused finds nothing: all its gold entities and roles are missed
            stem = Path(reject["source_path"]).stem
            print(f"{stem}: rejected ({reject['reason']}: {reject['detail']}): its gold counts as missed", file=sys.stderr)
            if (gold_dir / f"{stem}.json").exists():
                gold = read_gold(gold_dir / f"{stem}.json")
                lang = gold.get("lang") or "?"
                for scope in ("all", *LABELS):
                    scores[(name, lang, "linked", scope)].add(0, 0, sum(1 for g in gold["entities"] if scope in ("all", g["label"])))
                roles[(name, lang)][1] += sum(1 for role in gold.get("roles", []) if role.get("entity_id"))
        for doc in sorted(tables["documents"].to_pylist(), key=lambda d: d["source_path"]):
            stem = Path(doc["source_path"]).stem
            if not (gold_dir / f"{stem}.json").exists():
                print(f"{stem}: no gold file, not scored")
                continue
            gold = read_gold(gold_dir / f"{stem}.json")
            lang = gold.get("lang") or "?"
            predictions = {"linked": (linked_prediction(doc["doc_id"], tables), True)}
            if lang == "fr":
                predictions["raw spaCy"] = (raw_prediction(doc["doc_id"], doc["clean_text"], settings.spacy_models["fr"]), False)
            for system, (predicted, by_id) in predictions.items():
                correct, hit = match(predicted, gold["entities"], by_id)
                for scope in ("all", *LABELS):
                    tp = sum(1 for ok, p in zip(correct, predicted) if ok and scope in ("all", p[2]))
                    fp = sum(1 for ok, p in zip(correct, predicted) if not ok and scope in ("all", p[2]))
                    fn = sum(1 for i, g in enumerate(gold["entities"]) if i not in hit and scope in ("all", g["label"]))
                    scores[(name, lang, system, scope)].add(tp, fp, fn)
                if system == "linked" and verbose:
                    print(stem, lang, "false:", sorted(sorted(p[1])[0] for ok, p in zip(correct, predicted) if not ok),
                          "missed:", [g["name"] for i, g in enumerate(gold["entities"]) if i not in hit])
            for role, found in role_outcomes(doc["doc_id"], doc["clean_text"], gold.get("roles", []), tables):
                roles[(name, lang)][0] += found == role["entity_id"]
                roles[(name, lang)][1] += 1
                if verbose and found != role["entity_id"]:
                    print(stem, "role:", role["text"], "->", found, "gold", role["entity_id"])
    print(f"{'set':7} {'lang':4} {'system':10} {'scope':5} {'P':>6} {'R':>6} {'F1':>6}")
    for (name, lang, system, scope), score in sorted(scores.items()):
        print(f"{name:7} {lang:4} {system:10} {scope:5} " + " ".join(f"{x:6.3f}" for x in score.prf()))
    print()
    print(f"{'set':7} {'lang':4} {'roles resolved':>14} {'of':>4} {'share':>6}")
    for (name, lang), (right, total) in sorted(roles.items()):
        print(f"{name:7} {lang:4} {right:14d} {total:4d} {right / total if total else 0:6.3f}")


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
    parser.add_argument("--set", action="append", choices=sorted(SETS), help="gold sets to score (default: sample)")
    parser.add_argument("-v", action="store_true", help="list false and missed entities per document")
    args = parser.parse_args()
    settings = Settings(raw_dir=ROOT / "data" / "raw")
    if args.what == "quality":
        quality(settings, args.set or ["sample"], args.v)
    else:
        speed(settings, args.copies, args.repeats)


if __name__ == "__main__":
    main()
