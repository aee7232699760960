#!/usr/bin/env python3
"""Consistency check for the blind cleaning set (reads only this folder)."""
import glob, html, json, os, re, sys, datetime
HERE = os.path.dirname(os.path.abspath(__file__))
def norm(s):
    return re.sub(r'[\s\u00a0]+', ' ', s).strip()
def page_text(path):
    raw = open(path, encoding='utf-8').read()
    if path.endswith('.html'):
        raw = re.sub(r'(?is)<(script|style)\b.*?</\1>', ' ', raw)
        raw = re.sub(r'(?s)<!--.*?-->', ' ', raw)
        raw = re.sub(r'<[^>]+>', '', raw)
        raw = html.unescape(raw)
    return norm(raw)
errors = 0; stats = {}
for jp in sorted(glob.glob(os.path.join(HERE, '*.expected.json'))):
    name = os.path.basename(jp)[:-len('.expected.json')]
    exp = json.load(open(jp, encoding='utf-8'))
    page = os.path.join(HERE, name + ('.txt' if exp['kind'] == 'text' else '.html'))
    if not os.path.exists(page):
        print(name, 'PAGE MISSING'); errors += 1; continue
    text = page_text(page)
    def err(msg):
        global errors; errors += 1; print(f'{name}: {msg}')
    title = exp['title']; body = exp['body']; chrome = exp['chrome']
    if exp.get('no_article'):
        if title is not None or body: err('no_article page with title/body')
    else:
        if not title: err('no title')
        if len(body) < 4: err('fewer than 4 body paragraphs')
    for p in ([title] if title else []) + body + chrome:
        if norm(p) not in text: err(f'not found in page: {p[:70]!r}')
    low = [norm(x).lower() for x in body + ([title] if title else [])]
    for c in chrome:
        cl = norm(c).lower()
        for b in low:
            if cl in b: err(f'chrome {c[:50]!r} is substring of body/title {b[:50]!r}')
    if title and norm(title).lower() in [b for b in low[:-1]]: err('title repeated in body')
    pa, pr = exp['published_at'], exp['published_precision']
    fmt = {'day': '%Y-%m-%d', 'month': '%Y-%m', 'year': '%Y'}
    if pa is None:
        if pr is not None: err('precision without date')
    else:
        try: datetime.datetime.strptime(pa, fmt[pr])
        except Exception: err(f'bad date {pa} {pr}')
    if exp.get('date_source') not in ('meta', 'dateline', 'byline', 'inferred', None): err('bad date_source')
    if exp.get('date_source') == 'inferred' and not exp.get('date_reasoning'): err('inferred without reasoning')
    if (exp.get('date_source') is None) != (pa is None): err('date_source/published_at mismatch')
    for k in ('source_name', 'language', 'kind'):
        if k not in exp: err(f'missing {k}')
    key = (exp['language'], exp['kind'], bool(exp.get('no_article')))
    stats[key] = stats.get(key, 0) + 1
    stats['body'] = stats.get('body', 0) + len(body); stats['chrome'] = stats.get('chrome', 0) + len(chrome)
    if exp['kind'] == 'text':
        rawb = open(page, 'rb').read()
        stats['crlf'] = stats.get('crlf', 0) + (b'\r\n' in rawb)

# Weekday check for "inferred" day-precision pages: every "<weekday> <day> <month>" in the body
# must match the calendar of the expected date.
WD = {'lundi':0,'mardi':1,'mercredi':2,'jeudi':3,'vendredi':4,'samedi':5,'dimanche':6,
      'lunes':0,'martes':1,'miércoles':2,'jueves':3,'viernes':4,'sábado':5,'domingo':6,
      'monday':0,'tuesday':1,'wednesday':2,'thursday':3,'friday':4,'saturday':5,'sunday':6,
      'montag':0,'dienstag':1,'mittwoch':2,'donnerstag':3,'freitag':4,'samstag':5,'sonntag':6}
MO = {m: i+1 for i, m in enumerate(['janvier','février','mars','avril','mai','juin','juillet','août','septembre','octobre','novembre','décembre'])}
MO.update({m: i+1 for i, m in enumerate(['enero','febrero','marzo','abril','mayo','junio','julio','agosto','septiembre','octubre','noviembre','diciembre'])})
for jp in sorted(glob.glob(os.path.join(HERE, '*.expected.json'))):
    exp = json.load(open(jp, encoding='utf-8'))
    if exp.get('date_source') != 'inferred' or exp['published_precision'] != 'day': continue
    d = datetime.date.fromisoformat(exp['published_at'])
    found = 0
    for p in exp['body']:
        for m in re.finditer(r'\b(\w+) (\d{1,2})(?: de)? (\w+)', p.lower()):
            w, day, mon = m.group(1), int(m.group(2)), m.group(3)
            if w in WD and mon in MO:
                found += 1
                ok = (day == d.day and MO[mon] == d.month and d.weekday() == WD[w])
                print(f'weekday check {os.path.basename(jp)}: "{m.group(0)}" -> {d} {d.strftime("%A")}', 'OK' if ok else 'MISMATCH')
                if not ok: errors += 1
    if not found: print('weekday check: no weekday phrase in', os.path.basename(jp))
for k, v in sorted(stats.items(), key=str): print(k, v)
print('errors:', errors)
sys.exit(1 if errors else 0)
