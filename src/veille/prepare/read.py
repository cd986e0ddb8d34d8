"""The ingest stage: files, folders, stdin and uploaded bytes into :class:`Document` records.

Gives each document its ``doc_id``, ``origin`` and raw text (NFC, ``\\n`` line ends) plus what its
container says (JSON fields, HTML meta tags); ``clean`` removes the boilerplate afterwards.

A bad input never stops a batch: :func:`read_paths` yields an :class:`InputError` in its place and
goes on. :func:`read_bytes` is the core, shared with the HTTP upload.

Plain text is UTF-8 (with or without BOM), UTF-16 (little- or big-endian, told by its BOM or, without
one, by the NUL bytes of its Latin characters: Windows tools save "Unicode" text so), cp1252 or
latin-1.
"""

import json
import os
import re
import sys
import unicodedata
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

import charset_normalizer
import trafilatura

from .clean import load_rules, parse_date
from ..errors import InputError
from ..model import Document
from ..settings import Settings

#: Format read for each file suffix met in a folder; files given by name fall back to "text".
FORMATS_BY_SUFFIX = {".txt": "text", ".md": "text", ".html": "html", ".htm": "html",
                     ".json": "json", ".jsonl": "jsonl"}
FORMATS = ("text", "html", "json", "jsonl")

#: Legacy encodings tried when the bytes are not UTF-8. Bounding charset-normalizer to these keeps
#: it from answering a look-alike (cp1250, mac_roman…) for plain French cp1252 text.
LEGACY_ENCODINGS = ("cp1252", "latin_1")

#: Magic numbers of the binary files that end up in folders of articles.
MAGIC_NUMBERS = (
    (b"%PDF-", "PDF"), (b"PK\x03\x04", "ZIP or Office document"), (b"\xd0\xcf\x11\xe0", "Office document"),
    (b"\x89PNG", "PNG image"), (b"\xff\xd8\xff", "JPEG image"), (b"GIF8", "GIF image"),
    (b"II*\x00", "TIFF image"), (b"MM\x00*", "TIFF image"), (b"RIFF", "RIFF media"),
    (b"\x1f\x8b", "gzip"), (b"\x7fELF", "executable"),
)
#: Share of control bytes above which a file is taken for binary (text has nearly none).
CONTROL_SHARE = 0.05
#: UTF-16 byte order marks, and the codec that reads each (and drops the mark).
UTF16_BOMS = ((b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be"))
#: Without a BOM, UTF-16 is told by its NUL bytes: in French text nearly every character is below
#: U+0100, so one byte of each pair (the second in little-endian, the first in big-endian) is NUL
#: at least this often, and the other byte almost never.
UTF16_NUL_SHARE = 0.7
_CONTROL_BYTES = bytes([*range(0x00, 0x09), 0x0b, *range(0x0e, 0x20), 0x7f])
_LINE_BREAKS = re.compile(r"\r\n|[\r\x0b\x0c\x85\u2028\u2029]")
_CONTROL_CHARS = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f]")
_C1_CHARS = re.compile(r"[\x80-\x9f]")
#: Unicode categories of what text never holds: controls, unassigned, private use, surrogates.
_NOT_TEXT = frozenset({"Cc", "Cn", "Co", "Cs"})

HTML_OPTIONS = {
    "with_metadata": True, "include_comments": False, "favor_precision": True,
    "include_tables": False, "include_images": False, "include_links": False,
    # metadata and markup only: never a date guessed from the text or the URL
    "date_extraction_params": {"extensive_search": False, "original_date": True},
}


# ---------------------------------------------------------------- paths

def read_paths(paths: Iterable[str], settings: Settings,
               skipped: list[str] | None = None) -> Iterator[Document | InputError]:
    """Yield the documents of files, folders (walked recursively) and ``-`` (stdin).

    In folders, hidden entries are skipped and files with a suffix outside
    :data:`FORMATS_BY_SUFFIX` are skipped silently, their paths appended to ``skipped`` when given.
    A file named explicitly with another suffix is read as plain text. Every problem with an input
    (or with one record of a JSON container) is yielded as an :class:`InputError`, never raised.
    """
    for path in paths:
        if path == "-":
            yield from _read_stdin(sys.stdin.buffer, settings)
        elif os.path.isdir(path):
            yield from _read_folder(Path(path), settings, skipped)
        elif os.path.exists(path):
            yield from _read_file(Path(path), _format_of(Path(path)) or "text", settings)
        else:
            yield InputError(path, "no such file or directory")


def _read_folder(root: Path, settings: Settings, skipped: list[str] | None) -> Iterator:
    for path in _folder_files(root):
        fmt = _format_of(path)
        if fmt is None:
            if skipped is not None:
                skipped.append(str(path))
            continue
        yield from _read_file(path, fmt, settings)


def _folder_files(root: Path) -> Iterator[Path]:
    """Files under ``root``, sorted level by level, hidden files and folders left out."""
    for folder, subfolders, names in os.walk(root):
        subfolders[:] = sorted(d for d in subfolders if not d.startswith("."))
        for name in sorted(names):
            if not name.startswith("."):
                yield Path(folder, name)


def _format_of(path: Path) -> str | None:
    return FORMATS_BY_SUFFIX.get(path.suffix.lower())


def _read_file(path: Path, fmt: str, settings: Settings) -> Iterator[Document | InputError]:
    origin = str(path)
    try:
        size = path.stat().st_size
        if size > settings.max_bytes:
            yield _too_large(origin, size, settings)
            return
        data = path.read_bytes()
    except OSError as exc:
        yield InputError(origin, (exc.strerror or str(exc)).lower())
        return
    yield from _read_guarded(data, origin, fmt, settings, path.stem)


def _read_stdin(stream: BinaryIO, settings: Settings) -> Iterator[Document | InputError]:
    data, size = _read_capped(stream, settings.max_bytes)
    if size > settings.max_bytes:
        yield _too_large("<stdin>", size, settings)
        return
    yield from _read_guarded(data, "<stdin>", _sniff_format(data), settings, "stdin")


def _read_capped(stream: BinaryIO, limit: int) -> tuple[bytes, int]:
    """Keep at most ``limit + 1`` bytes of ``stream``, count the rest without keeping it."""
    data = stream.read(limit + 1)
    size = len(data)
    while chunk := stream.read(1 << 20):
        size += len(chunk)
    return data, size


def _sniff_format(data: bytes) -> str:
    """stdin holds JSON when it opens with ``[`` or ``{``; JSONL when ``{…}`` does not parse whole
    (UTF-16 read as its characters)."""
    codec = utf16_codec(data)
    if codec:
        try:
            data = data.decode(codec).removeprefix("\ufeff").encode("utf-8")
        except UnicodeDecodeError:
            return "text"           # read_bytes says why it cannot be read
    start = data.removeprefix(b"\xef\xbb\xbf").lstrip()[:1]
    if start == b"[":
        return "json"
    if start == b"{":
        return "json" if _parses_whole(data) else "jsonl"
    return "text"


def _parses_whole(data: bytes) -> bool:
    try:
        json.loads(data.decode("utf-8-sig"))
    except (ValueError, RecursionError):
        return False
    return True


def _read_guarded(data: bytes, origin: str, fmt: str, settings: Settings,
                  doc_id: str) -> list[Document | InputError]:
    try:
        return read_bytes(data, origin, fmt, settings, doc_id)
    except InputError as exc:
        return [exc]


# ---------------------------------------------------------------- bytes

def read_bytes(data: bytes, origin: str, fmt: str, settings: Settings,
               doc_id: str) -> list[Document | InputError]:
    """Read one input's bytes into documents.

    1. refuse the input whole when it is too large, binary, undecodable or empty: raise
       :class:`InputError`;
    2. decode it (UTF-16 when its BOM or its NUL bytes say so, else UTF-8, else cp1252 /
       latin-1) and normalise it: NFC, ``\\n`` line ends, no control characters;
    3. read it by ``fmt``: ``text`` and ``html`` give one Document (or raise); ``json`` and
       ``jsonl`` give one item per record, an :class:`InputError` standing in for a bad record
       (``"line 3: malformed JSON (…)"``, ``"record 2: no 'text' field"``) so that the good
       records still come through.

    ``doc_id`` names a single document; records of a JSON container without their own ``doc_id``
    or ``id`` get ``<doc_id>-<n>``, n counted from 1.
    """
    if fmt not in FORMATS:
        raise InputError(origin, f"unknown format {fmt!r} (expected one of {', '.join(FORMATS)})")
    if len(data) > settings.max_bytes:                                            # 1
        raise _too_large(origin, len(data), settings)
    utf16 = utf16_codec(data)
    if utf16 is None:
        _refuse_binary(data, origin)
    text = normalise(decode_utf16(data, utf16, origin) if utf16 else decode(data, origin))  # 2
    if not text.strip():
        raise InputError(origin, "empty document")
    return READERS[fmt](text, origin, doc_id)                                     # 3


def _too_large(origin: str, size: int, settings: Settings) -> InputError:
    return InputError(origin, f"file is {_size_text(size)}, over the limit of "
                              f"{_size_text(settings.max_bytes)} (VEILLE_MAX_BYTES)")


def _size_text(size: int) -> str:
    megabytes = size / (1024 * 1024)
    if megabytes < 0.1:
        return f"{size} bytes"
    return f"{megabytes:.1f}".removesuffix(".0") + " MB"


def _refuse_binary(data: bytes, origin: str) -> None:
    for magic, kind in MAGIC_NUMBERS:
        if data.startswith(magic):
            raise InputError(origin, f"binary file ({kind}), not text")
    if b"\x00" in data:
        raise InputError(origin, "binary file (NUL bytes), not text")
    sample = data[:65536]
    controls = len(sample) - len(sample.translate(None, _CONTROL_BYTES))
    if sample and controls / len(sample) > CONTROL_SHARE:
        raise InputError(origin, "binary file (control characters), not text")


def utf16_codec(data: bytes) -> str | None:
    """The codec of UTF-16 ``data`` (``utf-16-le`` / ``utf-16-be``), by its BOM or its NUL bytes;
    None for anything else (a UTF-32 BOM included)."""
    if data.startswith(b"\xff\xfe\x00\x00"):
        return None
    for bom, codec in UTF16_BOMS:
        if data.startswith(bom):
            return codec
    sample = data[:65536 - 65536 % 2]
    if len(sample) < 4 or len(data) % 2:
        return None
    pairs = len(sample) // 2
    high_le, low_le = sample[1::2].count(0), sample[0::2].count(0)
    if high_le / pairs >= UTF16_NUL_SHARE and low_le / pairs < CONTROL_SHARE:
        return "utf-16-le"
    if low_le / pairs >= UTF16_NUL_SHARE and high_le / pairs < CONTROL_SHARE:
        return "utf-16-be"
    return None


def decode_utf16(data: bytes, codec: str, origin: str) -> str:
    """UTF-16 text, its BOM dropped; raise InputError when it does not decode or decodes to
    characters no text holds (controls, unassigned or private code points: binary data)."""
    try:
        text = data.decode(codec).removeprefix("\ufeff")
    except UnicodeDecodeError:
        raise InputError(origin, f"cannot decode: not valid UTF-16 ({codec[-2:].upper()})") from None
    odd = sum(1 for c in text[:32768] if c not in "\t\n\r" and unicodedata.category(c) in _NOT_TEXT)
    if odd > CONTROL_SHARE * min(len(text), 32768):
        raise InputError(origin, "binary file (not text, though it opens like UTF-16)")
    return text


def decode(data: bytes, origin: str) -> str:
    """UTF-8 (a BOM dropped), else the likeliest of cp1252 / latin-1; raise InputError otherwise."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    match = charset_normalizer.from_bytes(data, cp_isolation=list(LEGACY_ENCODINGS)).best()
    text = None
    if match is not None:
        text = data.decode(match.encoding, errors="replace")
    if text is None or "\ufffd" in text or _C1_CHARS.search(text):
        raise InputError(origin, "cannot decode: not UTF-8, cp1252 or latin-1")
    return text


def normalise(text: str) -> str:
    """NFC, every line break as ``\\n``, control characters other than tab removed."""
    text = _LINE_BREAKS.sub("\n", text)
    return unicodedata.normalize("NFC", _CONTROL_CHARS.sub("", text))


# ---------------------------------------------------------------- formats

def _read_text(text: str, origin: str, doc_id: str) -> list[Document]:
    return [Document(doc_id=doc_id, text=text, origin=origin)]


def _read_html(text: str, origin: str, doc_id: str) -> list[Document]:
    """The main text of the page, paragraphs apart, and its title, date, authors, site and URL."""
    page = trafilatura.bare_extraction(text, **HTML_OPTIONS)
    body = _paragraphs(page.text if page is not None else None)
    if not body:
        raise InputError(origin, "no article text found in HTML")
    return [Document(
        doc_id=doc_id, text=body, origin=origin, title=_field(page.title),
        published=parse_date(page.date) if page.date else None,
        source=_field(page.sitename), authors=_authors(page.author, re.compile(";")),
        url=_field(page.url),
    )]


def _paragraphs(extracted: str | None) -> str:
    """trafilatura puts one block per line: one blank line between blocks instead."""
    lines = (line.strip() for line in normalise(extracted or "").split("\n"))
    return "\n\n".join(line for line in lines if line)


def _read_json(text: str, origin: str, doc_id: str) -> list[Document | InputError]:
    """A record object, or a list of them."""
    try:
        value = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(origin, f"malformed JSON ({exc.msg}, line {exc.lineno})") from None
    except RecursionError:
        raise InputError(origin, "malformed JSON (nested too deeply)") from None
    if isinstance(value, dict):
        return [_record(value, origin, doc_id, "record 1")]
    if not isinstance(value, list):
        raise InputError(origin, "JSON holds neither a record object nor a list of records")
    if not value:
        raise InputError(origin, "empty list of records")
    return [_record(item, origin, f"{doc_id}-{n}", f"record {n}") for n, item in enumerate(value, 1)]


def _read_jsonl(text: str, origin: str, doc_id: str) -> list[Document | InputError]:
    """One record per line; blank lines skipped; a Document's origin is ``path:line``."""
    numbered = [(lineno, line) for lineno, line in enumerate(text.split("\n"), 1) if line.strip()]
    return [_jsonl_record(line, origin, lineno, f"{doc_id}-{n}")
            for n, (lineno, line) in enumerate(numbered, 1)]


def _jsonl_record(line: str, origin: str, lineno: int, default_id: str) -> Document | InputError:
    try:
        value = json.loads(line)
    except json.JSONDecodeError as exc:
        return InputError(origin, f"line {lineno}: malformed JSON ({exc.msg})")
    except RecursionError:
        return InputError(origin, f"line {lineno}: malformed JSON (nested too deeply)")
    record = _record(value, origin, default_id, f"line {lineno}")
    if isinstance(record, Document):
        record.origin = f"{origin}:{lineno}"
    return record


def _record(value, origin: str, default_id: str, where: str) -> Document | InputError:
    """A JSON record into a Document: ``text`` required; ``title``, ``published``, ``source``,
    ``url``, ``authors``, ``doc_id`` / ``id`` optional."""
    if not isinstance(value, dict):
        return InputError(origin, f"{where}: not a JSON object")
    if "text" not in value:
        return InputError(origin, f"{where}: no 'text' field")
    if not isinstance(value["text"], str):
        return InputError(origin, f"{where}: 'text' is not a string")
    text = normalise(value["text"])
    if not text.strip():
        return InputError(origin, f"{where}: empty 'text'")
    published = value.get("published")
    return Document(
        doc_id=_record_id(value) or default_id, text=text, origin=origin,
        title=_field(value.get("title")), source=_field(value.get("source")),
        url=_field(value.get("url")),
        authors=_authors(value.get("authors"), load_rules().name_split),
        published=parse_date(str(published)) if isinstance(published, (str, int)) else None,
    )


def _record_id(value: dict) -> str | None:
    for key in ("doc_id", "id"):
        if isinstance(value.get(key), (str, int)) and not isinstance(value[key], bool):
            return _field(str(value[key]))
    return None


def _field(value) -> str | None:
    """A metadata string, normalised; None for anything else or blank."""
    if not isinstance(value, str):
        return None
    return " ".join(normalise(value).split()) or None


def _authors(value, separators: re.Pattern) -> list[str]:
    """A list of names, or one string holding them (``"A; B"``, ``"A et B"``)."""
    if isinstance(value, str):
        value = separators.split(value)
    if not isinstance(value, list):
        return []
    return [name for name in map(_field, value) if name]


READERS = {"text": _read_text, "html": _read_html, "json": _read_json, "jsonl": _read_jsonl}
