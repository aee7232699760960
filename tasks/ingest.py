"""Ingest stage: find raw files, identify them by content and decode them to text."""

from __future__ import annotations

import codecs
import gzip
import hashlib
import io
import os
import unicodedata
import zlib
from dataclasses import dataclass
from pathlib import Path

from bs4 import UnicodeDammit
from charset_normalizer import from_bytes

TEXT_SUFFIXES = (".txt",)
HTML_SUFFIXES = (".html", ".htm")
SUPPORTED_SUFFIXES = TEXT_SUFFIXES + HTML_SUFFIXES
DOC_ID_HEX_CHARS = 16  # 64 bits: collision odds stay below 1e-9 up to millions of documents
MAX_CONTROL_CHAR_SHARE = 0.01  # more than this in decoded text means a binary file
BOM_ENCODINGS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


class Rejected(Exception):
    """A raw file that cannot become a document; `reason` is a short stable code."""

    def __init__(self, reason: str, detail: str):
        super().__init__(f"{reason}: {detail}")
        self.reason = reason
        self.detail = detail


@dataclass(frozen=True)
class RawFile:
    """A discovered file and the hash of its bytes (what identifies the document)."""

    path: str
    raw_sha256: str
    n_bytes: int

    @property
    def doc_id(self) -> str:
        return doc_id_for(self.raw_sha256)


@dataclass(frozen=True)
class DecodedDocument:
    path: str
    raw_sha256: str
    kind: str  # "text" or "html"
    text: str
    encoding: str
    n_bytes: int

    @property
    def doc_id(self) -> str:
        return doc_id_for(self.raw_sha256)


def printable_path(path: str) -> str:
    """`path` as valid UTF-8 text for the warehouse: bytes of a file name that are not UTF-8 (which
    Python keeps as surrogate escapes, and Arrow refuses) are written as `\\xNN`."""
    try:
        return path.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    except UnicodeEncodeError:  # a lone surrogate that no file name produced
        return path.encode("utf-8", "backslashreplace").decode("utf-8")


def doc_id_for(raw_sha256: str) -> str:
    return raw_sha256[:DOC_ID_HEX_CHARS]


def input_suffix(path: str | Path) -> str | None:
    """The content suffix of a supported file (`.txt`, `.html`, `.htm`, optionally + `.gz`)."""
    name = Path(path).name.lower()
    if name.endswith(".gz"):
        name = name[:-3]
    for suffix in SUPPORTED_SUFFIXES:
        if name.endswith(suffix):
            return suffix
    return None


def discover(raw_dir: Path) -> tuple[list[str], list[tuple[str, str, str]]]:
    """All supported files under `raw_dir`, sorted, and the entries that could not be visited.

    Symbolic links to directories are not followed (no loops); links to files are read.
    Returns (paths, problems) where problems are (path, reason, detail).
    """
    if not raw_dir.is_dir():
        raise FileNotFoundError(f"raw directory {raw_dir} does not exist or is not a directory")
    paths: list[str] = []
    problems: list[tuple[str, str, str]] = []

    def on_error(error: OSError) -> None:
        problems.append((str(error.filename), "unreadable", f"cannot list directory: {error.strerror}"))

    for dirpath, dirnames, filenames in os.walk(raw_dir, onerror=on_error, followlinks=False):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in filenames:
            if name.startswith(".") or input_suffix(name) is None:
                continue
            paths.append(os.path.join(dirpath, name))
    return sorted(paths), problems


def hash_file(path: str, max_bytes: int) -> RawFile:
    """Stream the file through sha256 without holding it; reject what cannot be read or is too big."""
    try:
        if not os.path.isfile(path):
            raise Rejected("unreadable", "not a regular file (broken link or special file)")
        size = os.path.getsize(path)
        if size > max_bytes:
            raise Rejected("too_large", f"{size} bytes exceeds the limit of {max_bytes} bytes (max_file_bytes)")
        digest = hashlib.sha256()
        with open(path, "rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
    except OSError as error:
        raise Rejected("unreadable", error.strerror or str(error)) from error
    return RawFile(path=path, raw_sha256=digest.hexdigest(), n_bytes=size)


def read_document(raw: RawFile, max_bytes: int) -> DecodedDocument:
    """Read, decompress and decode one file; raise Rejected with a readable reason."""
    try:
        with open(raw.path, "rb") as handle:
            data = handle.read(max_bytes + 1)
    except OSError as error:
        raise Rejected("unreadable", error.strerror or str(error)) from error
    if len(data) > max_bytes:
        raise Rejected("too_large", f"file grew beyond {max_bytes} bytes while being read")
    if hashlib.sha256(data).hexdigest() != raw.raw_sha256:
        raise Rejected("changed_during_run", "the file changed between discovery and reading")
    suffix = input_suffix(raw.path)
    if raw.path.lower().endswith(".gz"):
        data = gunzip(data, max_bytes)
    kind = "html" if suffix in HTML_SUFFIXES else "text"
    text, encoding = decode(data, is_html=kind == "html")
    return DecodedDocument(
        path=raw.path, raw_sha256=raw.raw_sha256, kind=kind, text=text, encoding=encoding, n_bytes=raw.n_bytes
    )


def gunzip(data: bytes, max_bytes: int) -> bytes:
    """Decompress with a bound on the output size, so a zip bomb cannot exhaust memory."""
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(data)) as stream:
            out = stream.read(max_bytes + 1)
    except (OSError, EOFError, zlib.error) as error:
        raise Rejected("corrupt_gzip", f"cannot decompress: {error}") from error
    if len(out) > max_bytes:
        raise Rejected("too_large", f"decompresses to more than {max_bytes} bytes (max_file_bytes)")
    return out


def decode(data: bytes, is_html: bool) -> tuple[str, str]:
    """Bytes to text by BOM, then strict UTF-8, then charset detection; reject binary or empty input."""
    if not data:
        raise Rejected("empty", "the file has no bytes")
    text, encoding = _decode_by_bom(data)
    if text is None and b"\x00" not in data:
        try:
            text, encoding = data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            text = None
    if text is None:
        if is_html:
            dammit = UnicodeDammit(data, is_html=True)
            text, encoding = dammit.unicode_markup, dammit.original_encoding
        else:
            best = from_bytes(data).best()
            if best is not None:
                text, encoding = str(best), best.encoding
    if text is None:
        control_bytes = sum(1 for byte in data[:65536] if byte < 32 and byte not in b"\t\n\r\f\v")
        if control_bytes > MAX_CONTROL_CHAR_SHARE * min(len(data), 65536):
            raise Rejected("binary", f"{control_bytes} control bytes in the first {min(len(data), 65536)}: not a text file")
        raise Rejected("undecodable", "no text encoding fits these bytes")
    controls = sum(1 for ch in text if unicodedata.category(ch) == "Cc" and ch not in "\t\n\r\f\v")
    if controls > MAX_CONTROL_CHAR_SHARE * len(text):
        raise Rejected("binary", f"{controls} control characters in {len(text)} decoded characters")
    if not text.strip():
        raise Rejected("empty", "the file holds only white space")
    return text, encoding or "unknown"


def _decode_by_bom(data: bytes) -> tuple[str | None, str | None]:
    for bom, encoding in BOM_ENCODINGS:
        if data.startswith(bom):
            try:
                return data.decode(encoding), encoding
            except UnicodeDecodeError as error:
                raise Rejected("undecodable", f"starts with a {encoding} byte-order mark but is not {encoding}") from error
    return None, None
