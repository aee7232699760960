"""Train the cleaner's page classifier (tasks/article_classifier.py) and write tasks/article_classifier.json.

    pip install scikit-learn   # training only: the pipeline scores with the shipped weights
    python bench/train_article_classifier.py [--peer-bench ../shared/peer-bench] [--dry-run]

One example per page, as the cleaner leaves it (its title and kept lines):
- the labelled pages (tests/fixtures/pages, tests/fixtures/pages_train*): articles, and the pages
  marked `no_article` (consent walls, 404 pages, login walls, search and tag pages, app shells);
- the sample corpus (data/raw): articles;
- the peer bench's pages whose id hashes even: real articles in many layouts and languages.
The blind sets (bench/blind) are never read here.

Prints cross-validated figures (pages without an article rejected, articles lost) with each labelled
set held out in turn and the peer pages in 5 folds, at the chosen threshold (see MAX_ARTICLE_LOSS).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.train_line_classifier import PAGE_SETS, even_pages  # noqa: E402

FOLDS = 5
MAX_ARTICLE_LOSS = 0.005  # of the articles, held out


def page_features(text: str, kind: str) -> dict[str, float] | None:
    """The page's features as the cleaner computes them, or None when nothing running is left (rejected anyway)."""
    from depeche.tasks.clean import clean_document

    result = clean_document(text, kind)
    if not result.clean_text.strip() or result.prose_lines == 0:
        return None
    return result.article_features


def labelled_examples():
    from depeche.tasks.ingest import decode

    for directory in [*PAGE_SETS, ROOT / "data" / "raw"]:
        for page in sorted(p for p in directory.iterdir() if p.suffix in (".txt", ".html")):
            expected_path = page.with_name(page.stem + ".expected.json")
            no_article = expected_path.exists() and json.loads(expected_path.read_text(encoding="utf-8")).get("no_article", False)
            text, _ = decode(page.read_bytes(), is_html=page.suffix == ".html")
            found = page_features(text, "html" if page.suffix == ".html" else "text")
            if found is not None:
                yield directory.name, f"{directory.name}/{page.name}", found, int(not no_article)


def peer_examples(peer_bench: Path):
    sys.path.insert(0, str(peer_bench))
    import score  # the peer bench's own module

    for set_name in ("aeb", "trafilatura"):
        for i, (pid, _) in enumerate(even_pages(peer_bench, set_name)):
            found = page_features(score.page_input(set_name, pid, "str"), "html")
            if found is not None:
                yield f"peer{i % FOLDS}", f"{set_name}/{pid}", found, 1


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--peer-bench", type=Path, default=ROOT.parent / "shared" / "peer-bench")
    parser.add_argument("--dry-run", action="store_true", help="print the figures, write nothing")
    args = parser.parse_args()

    import numpy as np
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    examples = list(labelled_examples()) + list(peer_examples(args.peer_bench))
    groups = np.array([group for group, *_ in examples])
    vectorizer = DictVectorizer(sparse=False)
    x = vectorizer.fit_transform([found for *_, found, _ in examples])
    y = np.array([label for *_, label in examples])
    print(f"{len(examples)} pages: {int((y == 0).sum())} without an article, {int(y.sum())} articles "
          f"({int(sum(g.startswith('peer') for g in groups))} of them from the peer bench)")

    def fit(rows):
        return LogisticRegression(C=1.0, class_weight="balanced", max_iter=5000).fit(x[rows], y[rows])

    held_out = np.zeros(len(y))
    for group in sorted(set(groups)):
        test = groups == group
        if (y[~test] == 0).any():
            held_out[test] = fit(~test).predict_proba(x[test])[:, 1]
    # What the cleaner does: a page that does not talk about the page is an article, whatever it scores.
    from depeche.tasks.article_classifier import talks_about_the_page

    held_out[[not talks_about_the_page(found) for *_, found, _ in examples]] = 1.0
    labelled = np.array([not g.startswith("peer") for g in groups])
    # Rejecting an article loses it from the warehouse; loading a consent wall adds a document of
    # noise. The threshold is the highest that keeps every held-out labelled news article and all
    # but MAX_ARTICLE_LOSS of the peer bench's pages (blogs and tutorials among them).
    scores = np.unique(np.concatenate([[0.0], held_out]))
    top = max(
        t for t in scores
        if not ((held_out < t) & (y == 1) & labelled).any() and ((held_out < t) & (y == 1)).sum() <= MAX_ARTICLE_LOSS * y.sum()
    )
    threshold = (top + scores[scores < top].max()) / 2 if top > 0 else 0.0  # midway to the next page down: a margin both ways
    print(f"threshold {threshold:.3f}")
    print(f"{'held out':14} {'pages':>5} {'no article rejected':>20} {'articles lost':>14}")
    for group in sorted(set(groups)):
        rows = groups == group
        others, articles = rows & (y == 0), rows & (y == 1)
        print(f"{group:14} {rows.sum():5d} {int((held_out[others] < threshold).sum()):>12d}/{int(others.sum()):<7d} "
              f"{int((held_out[articles] < threshold).sum()):>6d}/{int(articles.sum()):<7d}")
    names = [name for _, name, *_ in examples]
    for i in np.flatnonzero(((held_out < threshold) & (y == 1)) | ((held_out >= threshold) & (y == 0))):
        print(f"  {'article lost' if y[i] else 'kept, no article'}: {names[i]} ({held_out[i]:.3f})")
    for i in np.flatnonzero(y == 0):
        print(f"  no article: {names[i]} ({held_out[i]:.3f})")

    final = fit(np.ones(len(y), dtype=bool))
    weights = {name: round(float(w), 4) for name, w in zip(vectorizer.feature_names_, final.coef_[0])}
    for name, weight in sorted(weights.items(), key=lambda item: item[1]):
        print(f"  {weight:+8.3f}  {name}")
    if args.dry_run:
        return
    path = ROOT / "tasks" / "article_classifier.json"
    old = json.loads(path.read_text(encoding="utf-8"))["version"] if path.exists() else "0"
    model = {"version": str(int(old) + 1), "threshold": round(float(threshold), 4), "bias": round(float(final.intercept_[0]), 4),
             "weights": weights}
    path.write_text(json.dumps(model, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    print(f"wrote {path.relative_to(ROOT)} version {model['version']}")


if __name__ == "__main__":
    main()
