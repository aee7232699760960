"""Every kind of bad input is processed correctly or rejected with a clear reason, and the batch goes on.

Fixtures are generated here (nothing large is stored in git).
"""

from __future__ import annotations

import gzip
import os

import pytest

from depeche.tasks import batch, ingest
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
    assert documents["english.txt"]["tag_status"].startswith("gazetteer only")
    assert all(r["detail"] for r in tables["rejects"].to_pylist())


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their mode")
def test_an_unreadable_file_is_rejected(tmp_path):
    path = tmp_path / "secret.txt"
    path.write_text(FRENCH)
    path.chmod(0)
    with pytest.raises(ingest.Rejected) as rejected:
        ingest.hash_file(str(path), LIMIT)
    assert rejected.value.reason == "unreadable"
