"""Train the cleaner's article-end model (tasks/article_end.py) and write tasks/article_end.json.

    pip install scikit-learn   # training only: the pipeline scores with the shipped weights
    python bench/train_article_end.py [--peer-bench ../shared/peer-bench] [--dry-run]

One example per place a page's tail could start (each kept body line after the first, as the
line classifier leaves the page): 1 when no content line is kept from there on, else 0. Content
and chrome come from the same labels as the line classifier's (LINE_TRAINING_SETS, the sample's
golden files, the even half of the peer bench); pages_train3 and pages_train4 stay held out, for
`python bench/clean_bench.py pages`; the blind sets not yet read (bench/blind/clean3 on) are never read here.

Prints page-grouped 5-fold cross-validated figures at the chosen threshold: the lowest at which
cutting at the first place scored above it loses at most MAX_CONTENT_LOSS of the news pages'
kept content lines.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.train_line_classifier import (  # noqa: E402
    LINE_TRAINING_SETS,
    collapse,
    cross_validated,
    even_pages,
    label_by_lists,
    logistic_regression,
    page_text,
)

MAX_CONTENT_LOSS = 0.003  # of the kept content lines of news pages (cross-validated)
NEWS_PAGE_WEIGHT = 5.0  # as for the line classifier: the news pages are what the cleaner reads


def page_places(text: str, main_text_of: str | None, label):
    """(features of each place, 1 if it is in the tail, labels of the kept lines after the first)."""
    from depeche.tasks import article_end, clean, line_classifier

    page = clean.judged(text, main_text_of)
    kept = line_classifier.body_lines(page.lines, page.first_body, page.last_body, page.title_at)
    labels = [label(page.lines[i].text) for i in kept]
    content = [j for j, y in enumerate(labels) if y == 0]
    if not content:
        return []
    last_content = content[-1]
    return [(found, int(j > last_content), labels[j]) for j, found in enumerate(article_end.places(page.lines, kept), start=1)]


def labelled_pages():
    for directory in LINE_TRAINING_SETS:
        for expected_path in sorted(directory.glob("*.expected.json")):
            expected = json.loads(expected_path.read_text(encoding="utf-8"))
            if expected.get("no_article"):
                continue
            name = expected_path.name.removesuffix(".expected.json")
            page = next(p for p in directory.glob(name + ".*") if not p.name.endswith(".json"))
            prepared = page_text(page)
            if prepared is not None:
                body, chrome = [collapse(b) for b in expected["body"]], [collapse(c) for c in expected["chrome"]]
                yield f"{directory.name}/{name}", True, page_places(*prepared, lambda t: label_by_lists(t, body, chrome))
    for path in sorted((ROOT / "tests" / "golden" / "clean").glob("*.json")):
        golden = json.loads(path.read_text(encoding="utf-8"))
        kept = [collapse(p) for p in golden["paragraphs"]]
        removed = [collapse(r["text"] if isinstance(r, dict) else r[1] if isinstance(r, list) else r) for r in golden["removed"]]
        source = next((ROOT / "data" / "raw").glob(f"{path.stem.split('_', 1)[0]}*"), None)
        prepared = page_text(source) if source else None
        if prepared is not None:
            yield f"golden/{path.stem}", True, page_places(*prepared, lambda t: label_by_lists(t, kept, removed))


def peer_pages(peer_bench: Path):
    from depeche.tasks.page_vocabulary import word_key

    truth = json.loads((peer_bench / "aeb" / "ground-truth.json").read_text(encoding="utf-8"))
    for pid, prepared in even_pages(peer_bench, "aeb"):
        article = word_key(truth[pid]["articleBody"])
        yield f"aeb/{pid}", False, page_places(*prepared, lambda t: int(word_key(t) not in article) if word_key(t) else None)
    annotations = json.loads((peer_bench / "trafilatura" / "annotations.json").read_text(encoding="utf-8"))
    for pid, prepared in even_pages(peer_bench, "trafilatura"):
        with_ = [collapse(s) for s in annotations[pid].get("with", [])]
        without = [collapse(s) for s in annotations[pid].get("without", [])]
        yield f"trafilatura/{pid}", False, page_places(*prepared, lambda t: label_by_lists(t, with_, without))


def cut_figures(pages, scores, line_labels, threshold):
    """(tail chrome lines cut, chrome lines, content lines lost, content lines) when each page is cut at its first place over threshold."""
    cut = chrome = lost = content = 0
    for rows in pages:
        first = next((r for r in rows if scores[r] >= threshold), None)
        for r in rows:
            gone = first is not None and r >= first
            if line_labels[r] == 1:
                chrome += 1
                cut += gone
            elif line_labels[r] == 0:
                content += 1
                lost += gone
    return cut, chrome, lost, content


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--peer-bench", type=Path, default=ROOT.parent / "shared" / "peer-bench")
    parser.add_argument("--dry-run", action="store_true", help="report the cross-validation, write nothing")
    args = parser.parse_args()

    import numpy as np
    from sklearn.feature_extraction import DictVectorizer

    sources = list(labelled_pages()) + (list(peer_pages(args.peer_bench)) if args.peer_bench.exists() else [])
    examples = [(name, news, found, line_label, y) for name, news, places in sources for found, y, line_label in places]
    groups = [name for name, *_ in examples]
    labels = np.array([y for *_, y in examples])
    line_labels = [line_label for *_, line_label, _ in examples]
    weights = np.array([NEWS_PAGE_WEIGHT if news else 1.0 for _, news, *_ in examples])
    vectorizer = DictVectorizer()
    matrix = vectorizer.fit_transform([found for _, _, found, _, _ in examples])
    print(f"{len(examples)} places on {len(set(groups))} pages: {int(labels.sum())} in a tail")

    scores = cross_validated(matrix, labels, groups, weights)
    rows_of: dict[str, list[int]] = {}
    for r, name in enumerate(groups):
        rows_of.setdefault(name, []).append(r)
    news_pages = [rows for name, rows in rows_of.items() if examples[rows[0]][1]]
    peer = [rows for name, rows in rows_of.items() if not examples[rows[0]][1]]
    threshold = next(
        t for t in np.arange(0.5, 1.0001, 0.01)
        if (lambda f: f[2] <= MAX_CONTENT_LOSS * max(f[3], 1))(cut_figures(news_pages, scores, line_labels, t))
    )
    for name, chosen in (("news pages", news_pages), ("peer bench", peer)):
        cut, chrome, lost, content = cut_figures(chosen, scores, line_labels, threshold)
        print(f"cross-validated, threshold {threshold:.2f}, {name}: chrome lines cut {cut}/{chrome}, content lines lost {lost}/{content}")

    final = logistic_regression().fit(matrix, labels, sample_weight=weights)
    fitted = {name: round(float(w), 5) for name, w in zip(vectorizer.get_feature_names_out(), final.coef_[0])}
    body = {"threshold": round(float(threshold), 3), "bias": round(float(final.intercept_[0]), 5), "weights": dict(sorted(fitted.items()))}
    body["version"] = hashlib.sha256(json.dumps(body, sort_keys=True).encode()).hexdigest()[:10]
    for name, weight in sorted(fitted.items(), key=lambda item: item[1]):
        print(f"  {weight:+8.3f}  {name}")
    if not args.dry_run:
        from depeche.tasks.article_end import MODEL_PATH

        MODEL_PATH.write_text(json.dumps(body, indent=1) + "\n", encoding="utf-8")
        print(f"wrote {MODEL_PATH.relative_to(ROOT)} (version {body['version']})")


if __name__ == "__main__":
    main()
