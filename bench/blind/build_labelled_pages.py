#!/usr/bin/env python3
"""Build a labelled set's pages and their .expected.json from its annotated sources.

    python3 bench/blind/build_labelled_pages.py bench/blind/clean3

Source format (<set>/_src/NNN_*.src):
  header lines "@key: value" up to a line "---", then the page.
  Text pages:  "T| " title line, "B| " body paragraph, "C| " chrome line,
               any other line is emitted as-is and not labelled.
  HTML pages:  (after optional indentation) "T> " h1 element, "B> " body
               element, "C> " chrome element (its whole visible text is one
               entry), "L> " chrome line whose text segments between tags are
               separate entries; other lines are emitted as-is.
  @wrap: N hard-wraps every labelled text line at N columns;
  @crlf: yes writes CRLF line endings.
Chrome entries that are substrings of the title/body or shorter than 3
characters are dropped (with a warning).
"""
import glob, html, json, os, re, sys, textwrap
OUT = os.path.abspath(sys.argv[1]) if __name__ == "__main__" else ""
HERE = os.path.join(OUT, "_src")

def ws(s):
    return " ".join(s.replace("\xa0", " ").split())

def vis(fragment):
    return ws(html.unescape(re.sub(r"(?s)<[^>]+>", "", fragment)))

def segs(fragment):
    parts = re.split(r"(?s)<[^>]+>", fragment)
    out = []
    for p in parts:
        t = ws(html.unescape(p))
        if t and t not in {"|", "·", "•", "/", "-", "—", ">", "›"}:
            out.append(t)
    return out

def build(src):
    raw = open(src, encoding="utf-8").read()
    head, page = raw.split("\n---\n", 1)
    meta = {}
    weekdays = []
    for line in head.splitlines():
        if not line.strip():
            continue
        k, v = line[1:].split(":", 1)
        k, v = k.strip(), v.strip()
        if k == "weekday":
            d, w = v.split()
            weekdays.append([d, w])
        else:
            meta[k] = v
    kind = meta["kind"]
    wrap = int(meta.get("wrap", "0"))
    title, body, chrome, lines = None, [], [], []
    for line in page.split("\n"):
        if kind == "text":
            m = re.match(r"^([TBCL])\| (.*)$", line)
            if not m:
                lines.append(line)
                continue
            tag, text = m.groups()
            if tag == "T":
                title = ws(text)
            elif tag == "B":
                body.append(ws(text))
            elif tag == "C":
                chrome.append(ws(text))
            else:
                chrome += [ws(x) for x in re.split(r"\s{2,}| \| | · ", text) if ws(x)]
            if wrap and len(text) > wrap:
                lines.extend(textwrap.wrap(text, wrap, break_on_hyphens=False, break_long_words=False))
            else:
                lines.append(text)
        else:
            m = re.match(r"^(\s*)([TBCL])> (.*)$", line)
            if not m:
                lines.append(line)
                continue
            ind, tag, frag = m.groups()
            lines.append(ind + frag)
            if tag == "T":
                title = vis(frag)
            elif tag == "B":
                body.append(vis(frag))
            elif tag == "C":
                chrome.append(vis(frag))
            else:
                chrome += segs(frag)
    targets = ([title.lower()] if title else []) + [b.lower() for b in body]
    kept = []
    for c in chrome:
        if len(c) < 3 or any(c.lower() in t for t in targets) or c in kept:
            if c not in kept:
                print(f"  drop chrome {c!r} in {os.path.basename(src)}")
            continue
        kept.append(c)
    name = os.path.basename(src)[:-4]
    ext = ".txt" if kind == "text" else ".html"
    nl = "\r\n" if meta.get("crlf") == "yes" else "\n"
    text = nl.join(lines)
    if not text.endswith(nl):
        text += nl
    with open(os.path.join(OUT, name + ext), "w", encoding="utf-8", newline="") as f:
        f.write(text)
    na = meta.get("noarticle") == "yes"
    date = meta.get("date", "null")
    exp = {
        "title": None if na else title,
        "body": [] if na else body,
        "chrome": kept,
        "published_at": None if date == "null" else date,
        "published_precision": None if meta.get("prec", "null") == "null" else meta["prec"],
        "date_source": None if meta.get("dsrc", "null") == "null" else meta["dsrc"],
        "date_reasoning": meta.get("reason", ""),
        "source_name": meta["source"],
        "language": meta["lang"],
        "kind": kind,
        "no_article": na,
    }
    if weekdays:
        exp["weekday_claims"] = weekdays
    with open(os.path.join(OUT, name + ".expected.json"), "w", encoding="utf-8") as f:
        json.dump(exp, f, ensure_ascii=False, indent=2)
        f.write("\n")

if __name__ == "__main__":
    for s in sorted(glob.glob(os.path.join(HERE, "*.src"))):
        build(s)
    print("built", len(glob.glob(os.path.join(HERE, "*.src"))))
