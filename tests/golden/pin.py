"""Re-pin the cleaner's golden files: `python -m tests.golden.pin` (review the diff before committing)."""

from __future__ import annotations

import json
from pathlib import Path

from depeche.tasks.clean import clean_document

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "data" / "raw"
GOLDEN = Path(__file__).resolve().parent / "clean"


def golden_record(path: Path) -> dict:
    result = clean_document(path.read_text(encoding="utf-8"), "html" if path.suffix.startswith(".htm") else "text")
    return {
        "title": result.title,
        "paragraphs": result.clean_text.split("\n\n"),
        "removed": [[block.position, block.reason, block.text] for block in result.removed],
        "published_at": result.published_at.isoformat() if result.published_at else None,
        "published_precision": result.published_precision,
        "source_name": result.source_name,
        "language": result.language,
    }


def main() -> None:
    GOLDEN.mkdir(parents=True, exist_ok=True)
    for path in sorted(SAMPLES.glob("*.txt")):
        out = GOLDEN / f"{path.stem}.json"
        out.write_text(json.dumps(golden_record(path), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        print(f"pinned {out.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
