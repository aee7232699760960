#!/usr/bin/env python3
"""Consistency check for the blind clean2 evaluation pages (reads only this folder).

For every <name>.expected.json next to a <name>.txt / <name>.html page:
  * the title, each body paragraph and each chrome entry occur in the page
    (after whitespace collapse; for HTML after dropping <script>/<style>
    content, stripping tags and html.unescape);
  * no chrome entry is a substring of the title or of a body paragraph
    (case-insensitive);
  * body paragraphs occur in order; no_article pages have no title/body;
  * the metadata fields are present and well-formed (date_source in
    meta/dateline/byline/inferred/null, consistent with published_at);
  * every weekday claim ["YYYY-MM-DD", "Weekday"] in weekday_claims is true.
Exit status 1 if anything fails.
"""
import datetime, glob, html, json, os, re, sys

HERE = os.path.dirname(os.path.abspath(__file__))
KEYS = ["title", "body", "chrome", "published_at", "published_precision",
        "source_name", "language", "kind", "no_article", "date_source", "date_reasoning"]
SOURCES = {"meta", "dateline", "byline", "inferred", None}


def ws(s):
    return " ".join(s.replace("\xa0", " ").split())


def page_text(path):
    raw = open(path, encoding="utf-8").read()
    if path.endswith(".html"):
        raw = re.sub(r"(?is)<(script|style)\b.*?</\1\s*>", " ", raw)
        raw = re.sub(r"(?s)<!--.*?-->", " ", raw)
        raw = re.sub(r"(?s)<[^>]+>", "", raw)
        raw = html.unescape(raw)
    return ws(raw)


def check(exp_path):
    errs = []
    base = exp_path[: -len(".expected.json")]
    exp = json.load(open(exp_path, encoding="utf-8"))
    pages = [p for p in (base + ".txt", base + ".html") if os.path.exists(p)]
    if len(pages) != 1:
        return [f"expected exactly one page for {base}"], exp
    page = pages[0]
    for k in KEYS:
        if k not in exp:
            errs.append(f"missing key {k}")
    kind = "html" if page.endswith(".html") else "text"
    if exp.get("kind") != kind:
        errs.append(f"kind {exp.get('kind')} != {kind}")
    prec = exp.get("published_precision")
    pat = {"day": r"^\d{4}-\d{2}-\d{2}$", "month": r"^\d{4}-\d{2}$", "year": r"^\d{4}$", None: None}
    if prec not in pat:
        errs.append(f"bad precision {prec}")
    elif prec is None and exp.get("published_at") is not None:
        errs.append("published_at without precision")
    elif prec and not re.match(pat[prec], exp.get("published_at") or ""):
        errs.append(f"published_at {exp.get('published_at')} does not match {prec}")
    ds = exp.get("date_source")
    if ds not in SOURCES:
        errs.append(f"bad date_source {ds}")
    if (ds is None) != (exp.get("published_at") is None):
        errs.append("date_source and published_at disagree on null")
    if ds == "inferred" and not exp.get("weekday_claims") and not exp.get("date_reasoning"):
        errs.append("inferred date without reasoning")
    if not isinstance(exp.get("date_reasoning"), str) or not exp.get("date_reasoning"):
        errs.append("date_reasoning missing or empty")
    for d, w in exp.get("weekday_claims") or []:
        try:
            real = datetime.date.fromisoformat(d).strftime("%A")
        except ValueError:
            errs.append(f"bad weekday claim date {d}")
            continue
        if real != w:
            errs.append(f"weekday claim wrong: {d} is {real}, not {w}")
    if exp.get("language") not in {"fr", "en", "es", "de"}:
        errs.append(f"unexpected language {exp.get('language')}")
    text = page_text(page)
    low = text.lower()
    title = exp.get("title")
    body = exp.get("body") or []
    if exp.get("no_article"):
        if title is not None or body:
            errs.append("no_article page with title/body")
    else:
        if not title:
            errs.append("no title")
        elif ws(title) not in text:
            errs.append(f"title not in page: {title!r}")
        if not body:
            errs.append("empty body")
    pos = 0
    for p in body:
        q = ws(p)
        i = text.find(q, pos)
        if i < 0:
            errs.append(("body out of order: " if q in text else "body not in page: ") + repr(p[:80]))
        else:
            pos = i + len(q)
    targets = [ws(title).lower()] if title else []
    targets += [ws(p).lower() for p in body]
    for c in exp.get("chrome") or []:
        cc = ws(c)
        if not cc:
            errs.append("empty chrome entry")
            continue
        if cc not in text:
            errs.append(f"chrome not in page: {c!r}")
        for t in targets:
            if cc.lower() in t:
                errs.append(f"chrome {c!r} is a substring of {t[:60]!r}")
                break
    return errs, exp


def main():
    files = sorted(glob.glob(os.path.join(HERE, "*.expected.json")))
    total_fail = 0
    nb = nc = 0
    for f in files:
        errs, exp = check(f)
        nb += len(exp.get("body") or [])
        nc += len(exp.get("chrome") or [])
        name = os.path.basename(f)
        if errs:
            total_fail += 1
            print(f"FAIL {name}")
            for e in errs:
                print("   ", e)
        else:
            print(f"ok   {name}  body={len(exp.get('body') or [])} chrome={len(exp.get('chrome') or [])}")
    print(f"{len(files)} pages, {nb} body entries, {nc} chrome entries, {total_fail} failing")
    return 1 if total_fail else 0


if __name__ == "__main__":
    sys.exit(main())
