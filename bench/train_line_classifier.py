"""Train the cleaner's line classifier (tasks/line_classifier.py) and write tasks/line_classifier.json.

    pip install scikit-learn   # training only: the pipeline scores with the shipped weights
    python bench/train_line_classifier.py [--peer-bench ../shared/peer-bench] [--dry-run]

Examples are the lines the wording rules and the layout keep in a page's body (what the classifier
decides at run time), labelled from:
- the fixture pages and the training pages but the held-out sets, and the blind sets already read
  (LINE_TRAINING_SETS):
  their expectations list the body paragraphs and the chrome, written without seeing the cleaner;
  every line of a page without an article is chrome;
- the golden files of the sample pages (tests/golden/clean): kept and removed lines;
- the peer bench's annotated pages whose id hashes even (the odd half stays unseen, for its F1):
  aeb's article bodies, and trafilatura's "with" and "without" snippets.
The blind sets not yet read (bench/blind/clean3 on) are never read here.

Prints page-grouped 5-fold cross-validation figures (chrome caught and content lost among these
lines) at the chosen threshold: the lowest probability at which the folds lose at most
MAX_CONTENT_LOSS of the content lines.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

MAX_CONTENT_LOSS = 0.01  # of the body's content lines (cross-validated): the cleaner must keep ≥ 98.5 % of content
MAX_CONTENT_LOSS_EXTRACTED = 0.05  # of the short lines an extractor kept as content on the peer bench's pages
# A line of a labelled news page counts this many times one of the peer bench's pages: those are
# what the cleaner reads (text pages and news HTML), and they are fewer.
NEWS_PAGE_WEIGHT = 5.0
CONTENT_PART = 0.3  # of a body paragraph's length: a line that long inside it is a piece of it
PAGE_SETS = [ROOT / "tests" / "fixtures" / "pages", *sorted((ROOT / "tests" / "fixtures").glob("pages_train*"))]
# pages_train3 and pages_train4 are the held-out sets of the line classifier and the article-end
# model (`python bench/clean_bench.py pages`): trained on the others.
HELD_OUT_SETS = ("pages_train3", "pages_train4")
# Blind sets once their one reading is reported (in the closing notes and docs/cleaning.md): what
# they taught is kept; the next blind set is the honest figure.
READ_BLIND_SETS = [ROOT / "bench" / "blind" / "clean", ROOT / "bench" / "blind" / "clean2"]
LINE_TRAINING_SETS = [s for s in PAGE_SETS if s.name not in HELD_OUT_SETS] + READ_BLIND_SETS


def collapse(text: str) -> str:
    return " ".join(text.split()).casefold()


def candidates(text: str, main_text_of: str | None):
    """(lines, candidate indexes, features of each) of one page, as the cleaner sees them."""
    from depeche.tasks import clean, line_classifier

    page = clean.laid_out(text, main_text_of)
    lines = page.lines
    facts = line_classifier.page_facts(lines, page.first_body)
    chosen = line_classifier.candidates(lines, facts, page.first_body, page.last_body, page.title_at, page.extracted)
    return [(lines[i].text, line_classifier.features(lines, i, page.first_body, page.last_body, facts)) for i in chosen]


def page_text(path: Path) -> tuple[str, str | None] | None:
    """The text the cleaner classifies lines of: a text page itself, or an HTML page's extracted text."""
    from depeche.tasks.ingest import decode

    is_html = path.suffix == ".html"
    text, _ = decode(path.read_bytes(), is_html=is_html)
    return html_text(text) if is_html else (text, None)


def html_text(html: str) -> tuple[str, str | None] | None:
    from depeche.tasks import html_clean, html_page, plain_text

    tree = html_page.parse(html)
    if tree is None:
        return None
    body = html_clean.html_body_text(tree)
    if not body.strip():
        return None
    title = html_page.metadata(tree).get("title")
    return body, plain_text.normalize_text(title) if title else ""


def label_by_lists(text: str, body: list[str], chrome: list[str]) -> int | None:
    """1 chrome, 0 content, None when the expectation does not say.

    A line that is a small part of a body paragraph is not content for that: the labellers left
    out of the chrome list the tags and menu items that the article's words contain ("Lisboa")."""
    line = collapse(text)
    if not line:
        return None
    if any(b in line or (line in b and len(line) >= CONTENT_PART * len(b)) for b in body if b):
        return 0
    if any(c == line or c in line or (line in c and len(line) >= 0.5 * len(c)) for c in chrome if c):
        return 1
    return None


def fixture_examples():
    for directory in LINE_TRAINING_SETS:
        for expected_path in sorted(directory.glob("*.expected.json")):
            expected = json.loads(expected_path.read_text(encoding="utf-8"))
            name = expected_path.name.removesuffix(".expected.json")
            page = next(p for p in directory.glob(name + ".*") if not p.name.endswith(".json"))
            prepared = page_text(page)
            if prepared is None:
                continue
            body = [collapse(b) for b in expected["body"]]
            chrome = [collapse(c) for c in expected["chrome"]]
            for text, found in candidates(*prepared):
                # A page without an article (a consent wall, a 404) is chrome to its last sentence.
                label = 1 if expected.get("no_article") else label_by_lists(text, body, chrome)
                if label is not None:
                    yield f"{directory.name}/{page.name}", found, label


def golden_examples():
    for path in sorted((ROOT / "tests" / "golden" / "clean").glob("*.json")):
        golden = json.loads(path.read_text(encoding="utf-8"))
        kept = [collapse(p) for p in golden["paragraphs"]]
        removed = [collapse(r["text"] if isinstance(r, dict) else r[1] if isinstance(r, list) else r) for r in golden["removed"]]
        source = next((ROOT / "data" / "raw").glob(f"{path.stem.split('_', 1)[0]}*"), None)
        if source is None:
            continue
        prepared = page_text(source)
        if prepared is None:
            continue
        for text, found in candidates(*prepared):
            label = label_by_lists(text, kept, removed)
            if label is not None:
                yield f"golden/{path.stem}", found, label


def even(pid: str) -> bool:
    return hashlib.sha256(pid.encode()).digest()[0] % 2 == 0


def even_pages(peer_bench: Path, set_name: str):
    """(id, the text the cleaner classifies lines of) of each page of a peer-bench set whose id hashes even."""
    sys.path.insert(0, str(peer_bench))
    import score

    for pid in score.page_ids(set_name):
        if even(pid):
            prepared = html_text(score.page_input(set_name, pid, "str"))
            if prepared is not None:
                yield pid, prepared


def peer_examples(peer_bench: Path):
    from depeche.tasks.page_vocabulary import word_key

    truth = json.loads((peer_bench / "aeb" / "ground-truth.json").read_text(encoding="utf-8"))
    for pid, prepared in even_pages(peer_bench, "aeb"):
        article = word_key(truth[pid]["articleBody"])
        for text, found in candidates(*prepared):
            line = word_key(text)
            if line:
                yield f"aeb/{pid}", found, int(line not in article)
    annotations = json.loads((peer_bench / "trafilatura" / "annotations.json").read_text(encoding="utf-8"))
    for pid, prepared in even_pages(peer_bench, "trafilatura"):
        with_ = [collapse(s) for s in annotations[pid].get("with", [])]
        without = [collapse(s) for s in annotations[pid].get("without", [])]
        for text, found in candidates(*prepared):
            label = label_by_lists(text, with_, without)
            if label is not None:
                yield f"trafilatura/{pid}", found, label


def logistic_regression():
    from sklearn.linear_model import LogisticRegression

    return LogisticRegression(C=1.0, max_iter=3000)


def cross_validated(matrix, labels, groups, weights):
    """Each example's probability from a model fitted without its page's group (5 folds)."""
    import numpy as np
    from sklearn.model_selection import GroupKFold

    scores = np.zeros(len(labels))
    for train, test in GroupKFold(n_splits=5).split(matrix, labels, groups):
        fitted = logistic_regression().fit(matrix[train], labels[train], sample_weight=weights[train])
        scores[test] = fitted.predict_proba(matrix[test])[:, 1]
    return scores


def lowest_threshold(content_scores, max_loss: float) -> float:
    """The lowest probability (at least 0.5) at which at most `max_loss` of these content lines score."""
    import numpy as np

    ranked = np.sort(content_scores)
    return max(float(ranked[int(len(ranked) * (1 - max_loss))]) + 1e-6 if len(ranked) else 0.5, 0.5)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--peer-bench", type=Path, default=ROOT.parent / "shared" / "peer-bench")
    parser.add_argument("--dry-run", action="store_true", help="report the cross-validation, write nothing")
    args = parser.parse_args()

    import numpy as np
    from sklearn.feature_extraction import DictVectorizer

    examples = list(fixture_examples()) + list(golden_examples())
    if args.peer_bench.exists():
        examples += list(peer_examples(args.peer_bench))
    groups = [g for g, _, _ in examples]
    labels = np.array([y for _, _, y in examples])
    weights = np.array([1.0 if g.split("/")[0] in ("aeb", "trafilatura") else NEWS_PAGE_WEIGHT for g in groups])
    vectorizer = DictVectorizer()
    matrix = vectorizer.fit_transform([f for _, f, _ in examples])
    print(f"{len(examples)} lines from {len(set(groups))} pages: {int(labels.sum())} chrome, {int((1 - labels).sum())} content")
    for source in sorted({g.split("/")[0] for g in groups}):
        chosen = [i for i, g in enumerate(groups) if g.startswith(source + "/")]
        print(f"  {source:14} {len(chosen):6} lines, {int(labels[chosen].sum()):5} chrome")

    scores = cross_validated(matrix, labels, groups, weights)
    # The threshold keeps the content of news pages: the peer bench's labels are noisier.
    news = np.array([w > 1 for w in weights])
    threshold = lowest_threshold(scores[(labels == 0) & news], MAX_CONTENT_LOSS)
    # An extractor's main text (HTML) is judged again only in its short lines, most of them content
    # the extractor chose: a threshold of its own, which keeps the news pages' HTML content as above
    # and the peer bench's (any web page, noisier labels) within MAX_CONTENT_LOSS_EXTRACTED.
    extracted = np.array([g.endswith(".html") for g in groups])
    threshold_extracted = max(lowest_threshold(scores[(labels == 0) & extracted], MAX_CONTENT_LOSS),
                              lowest_threshold(scores[(labels == 0) & ~news], MAX_CONTENT_LOSS_EXTRACTED), threshold)
    for name, chosen in (("news HTML", extracted), ("peer bench", ~news)):
        print(f"{name}, threshold {threshold_extracted:.3f}: chrome caught "
              f"{float((scores[(labels == 1) & chosen] >= threshold_extracted).mean()):.1%}, "
              f"content lost {float((scores[(labels == 0) & chosen] >= threshold_extracted).mean()):.2%}")
    caught = float((scores[labels == 1] >= threshold).mean())
    lost = float((scores[labels == 0] >= threshold).mean())
    print(f"cross-validated, threshold {threshold:.3f}: chrome caught {caught:.1%}, content lost {lost:.2%}")
    for source in sorted({g.split("/")[0] for g in groups}):
        chosen = np.array([g.startswith(source + "/") for g in groups])
        c, k = chosen & (labels == 1), chosen & (labels == 0)
        print(f"  {source:14} chrome caught {float((scores[c] >= threshold).mean()) if c.any() else 0:.1%}, "
              f"content lost {float((scores[k] >= threshold).mean()) if k.any() else 0:.2%}")

    final = logistic_regression().fit(matrix, labels, sample_weight=weights)
    weights = {name: round(float(w), 5) for name, w in zip(vectorizer.get_feature_names_out(), final.coef_[0]) if abs(w) > 1e-6}
    body = {"threshold": round(threshold, 5), "threshold_extracted": round(threshold_extracted, 5), "bias": round(float(final.intercept_[0]), 5), "weights": dict(sorted(weights.items()))}
    body["version"] = hashlib.sha256(json.dumps(body, sort_keys=True).encode()).hexdigest()[:10]
    body["trained_on"] = {"lines": len(examples), "pages": len(set(groups)), "chrome": int(labels.sum()),
                          "cross_validated": {"chrome_caught": round(caught, 4), "content_lost": round(lost, 4)}}
    strongest = sorted(weights.items(), key=lambda item: item[1])
    print("most content-like:", ", ".join(f"{n} {w:+.2f}" for n, w in strongest[:8]))
    print("most chrome-like: ", ", ".join(f"{n} {w:+.2f}" for n, w in strongest[-10:]))
    if not args.dry_run:
        from depeche.tasks.line_classifier import MODEL_PATH

        MODEL_PATH.write_text(json.dumps(body, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
        print(f"wrote {MODEL_PATH} (version {body['version']})")


if __name__ == "__main__":
    main()
