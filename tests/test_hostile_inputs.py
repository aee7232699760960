"""Every kind of bad input is processed correctly or rejected with a clear reason, and the batch goes on.

Fixtures are generated here (nothing large is stored in git).
"""

from __future__ import annotations

import contextlib
import gzip
import os
import signal

import pytest

from depeche.tasks import batch, clean, ingest
from depeche.tasks.settings import Settings

FRENCH = "Le ministre français des Affaires étrangères a été reçu à l’Élysée par le président de la République, « très satisfait »."
ENGLISH = "The French foreign minister was received at the Elysee Palace by the president, who said he was very satisfied with the talks."
LIMIT = 5 * 1024 * 1024  # the size limit is a setting; here 5 MiB


def article(body: str, title: str = "Un titre d'article assez long") -> str:
    return f"{title}\n\n{body}\n\n{body.replace('ministre', 'diplomate')}\n"


def make_inputs(root) -> dict[str, object]:
    """name -> expected outcome: ("ok", check) or ("reject", reason)."""
    files: dict[str, tuple[bytes, tuple]] = {
        "empty.txt": (b"", ("reject", "empty")),
        "blank.txt": (b"  \n\t\r\n  ", ("reject", "empty")),
        "random.txt": (os.urandom(4096), ("reject", {"binary", "undecodable"})),
        "truncated.txt.gz": (gzip.compress(article(FRENCH).encode())[:40], ("reject", "corrupt_gzip")),
        "bom.txt": (b"\xef\xbb\xbf" + article(FRENCH).encode(), ("ok", "Élysée")),
        "utf16.txt": (article(FRENCH).encode("utf-16"), ("ok", "Élysée")),
        "cp1252.txt": (article(FRENCH).encode("cp1252"), ("ok", "Élysée")),
        "latin1.txt": (article(FRENCH.replace("’", "'").replace("«", '"').replace("»", '"')).encode("latin-1"), ("ok", "Élysée")),
        "mixed endings.txt": (article(FRENCH).replace("\n\n", "\r\n\r\n", 1).replace("\n", "\r", 1).encode(), ("ok", "Élysée")),
        "controls.txt": (article(FRENCH).replace("ministre", "mini\x00stre\x07", 1).encode(), ("ok", "Élysée")),
        "huge.txt": ((article(FRENCH) * 30000).encode(), ("reject", "too_large")),
        "one line.txt": (("x" * (LIMIT + 10)).encode(), ("reject", "too_large")),
        "deep.html": (("<html><body>" + "<div>" * 10000 + f"<p>{FRENCH}</p><p>{FRENCH}</p>" + "</div>" * 10000 + "</body></html>").encode(), ("ok", "Élysée")),
        "unclosed.html": (f"<html><body><article><h1>Titre de la page<p>{FRENCH}<p>{FRENCH}<div>".encode(), ("ok", "Élysée")),
        "scripts only.html": (b"<html><head><script>var a = 1;</script><style>p{}</style></head><body><!-- nothing --></body></html>", ("reject", "no_article_text")),
        "all navigation.html": (b"<html><body><nav><a href='/'>Accueil</a> <a>Monde</a> <a>Newsletter</a> <a>Se connecter</a></nav><footer>Mentions legales</footer></body></html>", ("reject", "no_article_text")),
        # A JavaScript shell: consent wall, menu and footer around an empty app root, no article.
        "app shell.html": (
            b"<html><head><title>Info Monde</title><script src='/app.js'></script></head><body>"
            b"<div class='consent'><p>Nous respectons votre vie priv\xc3\xa9e</p><button>Accepter</button><button>Param\xc3\xa9trer</button></div>"
            b"<nav><a>Accueil</a> <a>International</a> <a>Politique</a> <a>\xc3\x89conomie</a></nav><div id='root'></div>"
            b"<noscript>Activez JavaScript pour afficher ce site</noscript>"
            b"<footer><a>Mentions l\xc3\xa9gales</a> <a>Contact</a> <p>\xc2\xa9 2025 Info Monde</p></footer></body></html>",
            ("reject", "no_article_text"),
        ),
        "english.txt": (article(ENGLISH, "A fairly long article headline").encode(), ("ok", "Elysee")),
        "accentué é\nnewline.txt": (article(FRENCH).encode(), ("ok", "Élysée")),
    }
    for name, (data, _) in files.items():
        (root / name).write_bytes(data)
    (root / "loop").symlink_to(root)  # a directory link loop
    (root / "dangling.txt").symlink_to(root / "missing.txt")
    expected = {name: outcome for name, (_, outcome) in files.items()}
    expected["dangling.txt"] = ("reject", "unreadable")
    return expected


def test_every_bad_input_gets_an_outcome(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    expected = make_inputs(raw)
    settings = Settings(raw_dir=raw, warehouse_dir=tmp_path / "wh", max_file_bytes=LIMIT)
    paths, problems = ingest.discover(raw)
    assert problems == [] and not any("/loop/" in p for p in paths)
    files, rejects = [], {}
    for path in paths:
        try:
            files.append(ingest.hash_file(path, settings.max_file_bytes))
        except ingest.Rejected as rejected:
            rejects[os.path.basename(path)] = rejected.reason
    tables = batch.analyse_batch(batch.prepare_batch(files, settings), settings, "test")
    rejects.update({os.path.basename(r["source_path"]): r["reason"] for r in tables["rejects"].to_pylist()})
    documents = {os.path.basename(d["source_path"]): d for d in tables["documents"].to_pylist()}
    assert set(rejects) | set(documents) == set(expected)
    for name, (kind, detail) in expected.items():
        if kind == "reject":
            assert rejects.get(name) in (detail if isinstance(detail, set) else {detail}), (name, rejects.get(name))
        else:
            assert name in documents, (name, rejects.get(name))
            assert detail in documents[name]["clean_text"], name
            assert "\x00" not in documents[name]["clean_text"] and "\r" not in documents[name]["clean_text"]
    assert documents["english.txt"]["language"] == "en"
    assert documents["english.txt"]["tag_status"].startswith("without model")
    assert all(r["detail"] for r in tables["rejects"].to_pylist())


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their mode")
def test_an_unreadable_file_is_rejected(tmp_path):
    path = tmp_path / "secret.txt"
    path.write_text(FRENCH)
    path.chmod(0)
    with pytest.raises(ingest.Rejected) as rejected:
        ingest.hash_file(str(path), LIMIT)
    assert rejected.value.reason == "unreadable"


# Heavy documents: the work on one document is bounded. The old code took minutes on each of
# these (quadratic scans over mentions, a backtracking regex); the deadline is only a safety net.

LEADERS = ["Emmanuel Macron", "Vladimir Poutine", "Xi Jinping", "Joe Biden", "Olaf Scholz", "Sergueï Lavrov", "Wang Yi",
           "France", "Russie", "Chine", "Allemagne", "Moscou", "Pékin"]
MEETING = "Emmanuel Macron a rencontré Vladimir Poutine à Moscou."
SUMMIT = "Les chefs d'État et de gouvernement se sont retrouvés à Genève pour un sommet consacré à la sécurité européenne."
TALKS = "Les discussions se sont poursuivies jusque tard dans la soirée, a indiqué un diplomate présent sur place."


@contextlib.contextmanager
def deadline(seconds: int):
    def expired(signum, frame):
        raise TimeoutError(f"still running after {seconds} s")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def load(tmp_path, files: dict[str, str], **limits) -> dict:
    """prepare_batch and analyse_batch (no Prefect) on files written to a fresh raw directory."""
    raw = tmp_path / "raw"
    raw.mkdir()
    for name, text in files.items():
        (raw / name).write_text(text, encoding="utf-8")
    settings = Settings(raw_dir=raw, warehouse_dir=tmp_path / "wh", **limits)
    paths, _ = ingest.discover(raw)
    prepared = batch.prepare_batch([ingest.hash_file(path, settings.max_file_bytes) for path in paths], settings)
    return batch.analyse_batch(prepared, settings, "test")


def test_ten_thousand_mentions_are_linked_and_coded(tmp_path):
    names = ", ".join(LEADERS[i % len(LEADERS)] for i in range(10_000))
    files = {
        "list.txt": f"Les dirigeants présents au sommet de Genève\n\n{SUMMIT}\n\nÉtaient présents : {names}.\n\n{TALKS}\n",
        "meetings.txt": "Un sommet à Moscou\n\n" + " ".join([MEETING] * 3_334) + "\n",
    }
    with deadline(60):
        tables = load(tmp_path, files)
    assert tables["rejects"].num_rows == 0
    documents = {os.path.basename(d["source_path"]): d for d in tables["documents"].to_pylist()}
    assert {d["tag_status"] for d in documents.values()} == {"tagged"}  # below max_clean_chars: nothing cut
    mentions: dict[str, list[dict]] = {}
    for mention in tables["mentions"].to_pylist():
        mentions.setdefault(mention["doc_id"], []).append(mention)
    listed, met = mentions[documents["list.txt"]["doc_id"]], mentions[documents["meetings.txt"]["doc_id"]]
    assert len(listed) >= 10_000 and len(met) >= 10_000
    assert {"emmanuel-macron", "vladimir-putin", "country-fra", "beijing"} <= {m["entity_id"] for m in listed}
    events = [e for e in tables["events"].to_pylist() if e["doc_id"] == documents["meetings.txt"]["doc_id"]]
    assert {(e["actor1_id"], e["actor2_id"]) for e in events} >= {("emmanuel-macron", "vladimir-putin")}


def test_a_long_lower_case_run_between_two_names_is_coded(tmp_path):
    slug = "-".join(["relations-franco-russes"] * 7)  # a URL slug: 160 letters and hyphens with no space
    with deadline(60):
        tables = load(tmp_path, {"slug.txt": f"Un sommet à Genève\n\nEmmanuel Macron et {slug}, Vladimir Poutine a rencontré Joe Biden à Genève.\n"})
    assert tables["rejects"].num_rows == 0
    assert ("vladimir-putin", "joe-biden") in {(e["actor1_id"], e["actor2_id"]) for e in tables["events"].to_pylist()}


def test_html_over_max_html_chars_is_rejected_unless_its_scripts_make_the_difference(tmp_path):
    paragraphs = "".join(f"<p>Paragraphe {i}. {FRENCH}</p>" for i in range(200))  # about 28,000 characters
    article = "".join(f"<p>Paragraphe {i}. {FRENCH}</p>" for i in range(5))
    script = "<script>window.state = '" + "x" * 50_000 + "';</script><style>p { color: red }</style><!-- " + "y" * 5_000 + " -->"
    files = {
        "huge.html": f"<html><head><title>Une page immense</title></head><body><article>{paragraphs}</article></body></html>",
        "scripts.html": f"<html><head><title>Un titre de page</title>{script}</head><body><article><h1>Un titre de page</h1>{article}</article></body></html>",
    }
    tables = load(tmp_path, files, max_html_chars=20_000)
    (reject,) = tables["rejects"].to_pylist()
    assert os.path.basename(reject["source_path"]) == "huge.html" and reject["reason"] == "too_large"
    assert "max_html_chars" in reject["detail"] and "20,000" in reject["detail"]
    (document,) = tables["documents"].to_pylist()
    assert os.path.basename(document["source_path"]) == "scripts.html"
    assert "Élysée" in document["clean_text"] and "xxx" not in document["clean_text"]


def test_text_over_max_clean_chars_is_cut_at_a_paragraph_break_and_the_cut_recorded(tmp_path):
    text = "Un titre d'article assez long\n\n" + "\n\n".join(f"Paragraphe {i}. {FRENCH} {ENGLISH}" for i in range(60)) + "\n"
    full = clean.clean_document(text, "text").clean_text
    assert len(full) > 5_000
    tables = load(tmp_path, {"long.txt": text}, max_clean_chars=5_000)
    (document,) = tables["documents"].to_pylist()
    kept = document["clean_text"]
    assert 0 < len(kept) <= 5_000 and full.startswith(kept) and full[len(kept) :].startswith("\n\n")
    assert document["n_chars_clean"] == len(kept)
    assert document["tag_status"] == f"tagged; truncated: {len(full):,} -> {len(kept):,} characters (max_clean_chars)"
    assert max(s["end_char"] for s in tables["sentences"].to_pylist()) <= len(kept)


def test_the_limits_are_settings():
    settings = Settings.load(env={"DEPECHE_MAX_HTML_CHARS": "1000", "DEPECHE_MAX_CLEAN_CHARS": "500"})
    assert (settings.max_html_chars, settings.max_clean_chars) == (1000, 500)
    for name in ("max_html_chars", "max_clean_chars"):
        with pytest.raises(ValueError, match=name):
            Settings(**{name: 0})
