"""ingest: every format, folders, stdin, encodings, and every kind of bad input.

All articles here are written for these tests (French news about intelligence services).
"""

import io
import json
import sys
import unicodedata

import pytest
from hypothesis import given, settings as hypothesis_settings, strategies as st

from veille.errors import InputError
from veille.prepare.read import read_bytes, read_paths
from veille.model import Document
from veille.settings import Settings

SETTINGS = Settings()

ARTICLE = (
    "Le directeur du renseignement intérieur a rencontré mardi à Tunis son homologue libyen.\n\n"
    "Les deux responsables ont évoqué la surveillance des frontières et l’échange "
    "d’informations sur les filières djihadistes, selon un communiqué officiel."
)

PAGE = """<!DOCTYPE html>
<html lang="fr"><head><meta charset="utf-8">
<title>Tunis et Tripoli renforcent leur coopération | Sahel-Veille.com</title>
<meta property="og:title" content="Tunis et Tripoli renforcent leur coopération sécuritaire">
<meta property="og:site_name" content="Sahel-Veille.com">
<meta name="author" content="Leïla Mansouri; Omar Zitouni">
<meta property="article:published_time" content="2021-06-03T09:15:00+01:00">
<link rel="canonical" href="https://sahel-veille.com/2021/06/tunis-tripoli">
</head><body>
<nav><a href="/">Accueil</a> <a href="/securite">Sécurité</a></nav>
<article>
<h1>Tunis et Tripoli renforcent leur coopération sécuritaire</h1>
<p>Le chef du renseignement extérieur tunisien s’est rendu à Tripoli la semaine dernière pour une
série de réunions avec ses homologues libyens, a-t-on appris de sources concordantes.</p>
<p>Les discussions ont porté sur la situation à la frontière et sur la menace terroriste dans la
région, selon un diplomate en poste à Tunis qui a requis l’anonymat.</p>
<p>Une nouvelle rencontre est prévue à Tunis avant la fin de l’année, précise la même source, qui
évoque un « climat de confiance retrouvé » entre les deux services.</p>
</article>
<div class="comments"><h3>Commentaires</h3>
<p>Merci pour cet article très complet sur la coopération entre les deux pays voisins.</p></div>
<footer>© 2021 Sahel-Veille. Tous droits réservés.</footer>
</body></html>"""

HOSTILE_PAGE = """<html><head><title>Le service dissous <script>alert(1)</script></title>
<script>alert(1); document.cookie</script><script src="//evil.example/x.js"></script>
<style>p { background: url(javascript:alert(2)) } .x:after { content: "FUITE-CSS" }</style>
<meta http-equiv="refresh" content="0;url=javascript:alert(3)">
</head><body onload="alert(4)">
<img src=x onerror="alert(5)"><svg onload=alert(6)><script>alert(7)</script></svg>
<iframe src="javascript:alert(8)"></iframe>
<article><h1>Le service de renseignement officiellement dissous</h1>
<p>Le service de renseignement militaire a été officiellement dissous et remplacé par trois
directions rattachées à la présidence, selon un décret publié mercredi.<script>alert(9)</script></p>
<p onmouseover="alert(10)">Le général qui dirigeait le service depuis septembre prend la tête de la
nouvelle coordination, indique une source proche du dossier.</p>
<p>Cette réorganisation met fin à un quart de siècle de règne sans partage sur les services,
estiment plusieurs observateurs.<a href="javascript:alert(11)">le décret</a></p>
<noscript>alert(12)</noscript>
</article></body></html>"""


def read(*paths, settings=SETTINGS, skipped=None):
    return list(read_paths([str(p) for p in paths], settings, skipped))


def only_document(items):
    assert len(items) == 1 and isinstance(items[0], Document), items
    return items[0]


def only_error(items):
    assert len(items) == 1 and isinstance(items[0], InputError), items
    return items[0]


# ---------------------------------------------------------------- plain text

def test_txt_file_gives_document_named_after_stem(tmp_path):
    path = tmp_path / "003_f2ffbc60df55e0e5.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    doc = only_document(read(path))
    assert doc.doc_id == "003_f2ffbc60df55e0e5"
    assert doc.origin == str(path)
    assert doc.text == ARTICLE


def test_md_file_is_read_as_text(tmp_path):
    path = tmp_path / "note.md"
    path.write_text("# Note de veille\n\n" + ARTICLE, encoding="utf-8")
    doc = only_document(read(path))
    assert doc.doc_id == "note" and doc.text.startswith("# Note de veille")


def test_explicit_file_with_unknown_suffix_is_read_as_text(tmp_path):
    path = tmp_path / "depeche.dat"
    path.write_text(ARTICLE, encoding="utf-8")
    assert only_document(read(path)).text == ARTICLE


@pytest.mark.parametrize("encoding", ["cp1252", "latin-1"])
def test_legacy_encodings_decode_french(tmp_path, encoding):
    text = ("Le général a été reçu à Alger où l’échange « franc » a porté sur la sécurité "
            "du Sahel ; ça s’est déroulé à huis clos, précise-t-on à la présidence.")
    if encoding == "latin-1":
        text = text.replace("’", "'")  # latin-1 has no typographic apostrophe
    path = tmp_path / "ancien.txt"
    path.write_bytes(text.encode(encoding))
    assert only_document(read(path)).text == text


def test_cp1252_specific_characters(tmp_path):
    text = "Œuvre du cœur de l’État : 10 € versés… « d’après lui »."
    path = tmp_path / "w.txt"
    path.write_bytes(text.encode("cp1252"))
    assert only_document(read(path)).text == text


def test_utf8_bom_is_dropped(tmp_path):
    path = tmp_path / "bom.txt"
    path.write_bytes(b"\xef\xbb\xbf" + ARTICLE.encode("utf-8"))
    assert only_document(read(path)).text == ARTICLE


def test_decomposed_text_is_normalised_to_nfc(tmp_path):
    decomposed = unicodedata.normalize("NFD", "Sécurité intérieure: réunion à Genève")
    assert decomposed != unicodedata.normalize("NFC", decomposed)
    path = tmp_path / "nfd.txt"
    path.write_text(decomposed, encoding="utf-8")
    assert only_document(read(path)).text == "Sécurité intérieure: réunion à Genève"


def test_crlf_and_cr_become_newlines(tmp_path):
    path = tmp_path / "crlf.txt"
    path.write_bytes("Première ligne.\r\n\r\nDeuxième ligne.\rTroisième.".encode("utf-8"))
    assert only_document(read(path)).text == "Première ligne.\n\nDeuxième ligne.\nTroisième."


# ---------------------------------------------------------------- folders

def test_folder_is_walked_recursively_in_sorted_order(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "z").mkdir(parents=True)
    (tmp_path / ".cache").mkdir()
    (tmp_path / "b" / "2.txt").write_text("Deuxième dépêche sur la DGSE.", encoding="utf-8")
    (tmp_path / "a" / "1.md").write_text("Première dépêche sur la DGSI.", encoding="utf-8")
    (tmp_path / "a" / "z" / "3.json").write_text(
        json.dumps({"text": "Troisième dépêche sur le MI6."}), encoding="utf-8")
    (tmp_path / "a" / "image.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    (tmp_path / "a" / "notes.docx").write_bytes(b"PK\x03\x04")
    (tmp_path / ".cache" / "x.txt").write_text("caché", encoding="utf-8")
    (tmp_path / ".brouillon.txt").write_text("caché", encoding="utf-8")
    skipped = []
    docs = read(tmp_path, skipped=skipped)
    assert [d.doc_id for d in docs] == ["1", "3", "2"]
    assert all(isinstance(d, Document) for d in docs)
    assert sorted(skipped) == [str(tmp_path / "a" / "image.png"), str(tmp_path / "a" / "notes.docx")]


def test_empty_folder_yields_nothing(tmp_path):
    assert read(tmp_path) == []


# ---------------------------------------------------------------- HTML

def test_html_main_text_and_metadata(tmp_path):
    path = tmp_path / "page.html"
    path.write_text(PAGE, encoding="utf-8")
    doc = only_document(read(path))
    assert doc.doc_id == "page"
    assert doc.title == "Tunis et Tripoli renforcent leur coopération sécuritaire"
    assert doc.published == "2021-06-03"
    assert doc.authors == ["Leïla Mansouri", "Omar Zitouni"]
    assert doc.source == "Sahel-Veille.com"
    assert doc.url == "https://sahel-veille.com/2021/06/tunis-tripoli"
    paragraphs = doc.text.split("\n\n")
    assert any(p.startswith("Le chef du renseignement extérieur tunisien") for p in paragraphs)
    assert any(p.startswith("Une nouvelle rencontre est prévue") for p in paragraphs)
    assert "Merci pour cet article" not in doc.text
    assert "Accueil" not in doc.text and "Tous droits réservés" not in doc.text


def test_hostile_html_leaks_no_script(tmp_path):
    path = tmp_path / "piege.htm"
    path.write_text(HOSTILE_PAGE, encoding="utf-8")
    doc = only_document(read(path))
    assert "officiellement dissous" in doc.text
    for field in (doc.text, doc.title or ""):
        assert "alert" not in field and "<" not in field
        assert "cookie" not in field and "FUITE-CSS" not in field and "javascript" not in field


@pytest.mark.parametrize("page", [
    "<html><body><script>alert(1)</script></body></html>",
    "<html><head><title>Rien</title></head><body></body></html>",
    "<",
])
def test_html_without_article_text_is_refused(page):
    with pytest.raises(InputError, match="no article text found in HTML"):
        read_bytes(page.encode(), "vide.html", "html", SETTINGS, "vide")


# ---------------------------------------------------------------- JSON and JSONL

def test_json_list_of_records(tmp_path):
    path = tmp_path / "lot.json"
    path.write_text(json.dumps([
        {"text": ARTICLE, "title": "Rencontre à Tunis", "published": "2022-11-14T10:12:00Z",
         "source": "Veille-Maghreb.com", "url": "https://example.org/a", "authors": ["Sami Trabelsi"]},
        {"text": "Deuxième dépêche sur le renseignement.", "id": "depeche-2"},
        {"text": "Troisième dépêche.", "doc_id": 42, "authors": "Nora Haddad et Paul Girard"},
    ]), encoding="utf-8")
    first, second, third = read(path)
    assert (first.doc_id, first.title, first.published) == ("lot-1", "Rencontre à Tunis", "2022-11-14")
    assert (first.source, first.url, first.authors) == (
        "Veille-Maghreb.com", "https://example.org/a", ["Sami Trabelsi"])
    assert first.origin == str(path)
    assert second.doc_id == "depeche-2"
    assert third.doc_id == "42" and third.authors == ["Nora Haddad", "Paul Girard"]


def test_json_single_object_takes_the_stem(tmp_path):
    path = tmp_path / "seul.json"
    path.write_text(json.dumps({"text": ARTICLE, "published": "novembre 2022"}), encoding="utf-8")
    doc = only_document(read(path))
    assert doc.doc_id == "seul" and doc.published == "2022-11" and doc.text == ARTICLE


@pytest.mark.parametrize("published, expected", [
    ("2022-11-14", "2022-11-14"), ("2022-11", "2022-11"), ("2022", "2022"), (2022, "2022"),
    ("14/11/2022", "2022-11-14"), ("14 novembre 2022", "2022-11-14"),
    ("Mon, 14 Nov 2022 10:12:00 GMT", "2022-11-14"), ("2022-11-14T10:12:00+01:00", "2022-11-14"),
    ("14 novembre", None), ("hier", None), ("2022-13-40", None), (None, None), ([2022], None),
])
def test_json_published_is_normalised_to_iso(published, expected):
    data = json.dumps({"text": "Une dépêche.", "published": published}).encode()
    assert only_document(read_bytes(data, "d.json", "json", SETTINGS, "d")).published == expected


def test_jsonl_bad_lines_do_not_stop_the_good_ones(tmp_path):
    path = tmp_path / "flux.jsonl"
    path.write_text(
        '{"text": "Première dépêche sur la DGSE."}\n'
        "\n"
        '{"text": "Deuxième" "dépêche"}\n'
        '{"title": "Sans texte"}\n'
        '{"text": "Quatrième dépêche sur la DGSI.", "id": "q"}\n', encoding="utf-8")
    first, malformed, no_text, last = read(path)
    assert first.doc_id == "flux-1" and first.origin == f"{path}:1"
    assert isinstance(malformed, InputError)
    assert malformed.reason == "line 3: malformed JSON (Expecting ',' delimiter)"
    assert str(path) in str(malformed)
    assert isinstance(no_text, InputError) and no_text.reason == "line 4: no 'text' field"
    assert last.doc_id == "q" and last.origin == f"{path}:5"


def test_json_record_without_text_is_reported_and_others_come(tmp_path):
    path = tmp_path / "lot.json"
    path.write_text(json.dumps([{"text": "Une dépêche."}, {"titre": "x"}, {"text": ""}, {"text": 3}]),
                    encoding="utf-8")
    good, missing, empty, wrong = read(path)
    assert isinstance(good, Document)
    assert missing.reason == "record 2: no 'text' field"
    assert empty.reason == "record 3: empty 'text'"
    assert wrong.reason == "record 4: 'text' is not a string"


@pytest.mark.parametrize("content, reason", [
    ('{"text": "ouvert"', "malformed JSON"),
    ("42", "neither a record object nor a list"),
    ("[]", "empty list of records"),
    ("[" * 50000, "nested too deeply"),
])
def test_malformed_json_file_is_one_error(tmp_path, content, reason):
    path = tmp_path / "casse.json"
    path.write_text(content, encoding="utf-8")
    assert reason in only_error(read(path)).reason


# ---------------------------------------------------------------- stdin

def feed_stdin(monkeypatch, data: bytes):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))


def test_stdin_plain_text(monkeypatch):
    feed_stdin(monkeypatch, ARTICLE.encode("utf-8"))
    doc = only_document(list(read_paths(["-"], SETTINGS)))
    assert doc.doc_id == "stdin" and doc.text == ARTICLE and doc.origin == "<stdin>"


def test_stdin_json_list(monkeypatch):
    feed_stdin(monkeypatch, json.dumps([{"text": "Une."}, {"text": "Deux."}]).encode())
    assert [d.doc_id for d in read_paths(["-"], SETTINGS)] == ["stdin-1", "stdin-2"]


def test_stdin_json_object(monkeypatch):
    feed_stdin(monkeypatch, b'  {\n  "text": "Une d\xc3\xa9p\xc3\xaache."\n}\n')
    assert only_document(list(read_paths(["-"], SETTINGS))).doc_id == "stdin"


def test_stdin_jsonl(monkeypatch):
    feed_stdin(monkeypatch, b'{"text": "Une."}\n{"text": "Deux."}\n{"text":\n')
    first, second, broken = read_paths(["-"], SETTINGS)
    assert [first.doc_id, second.doc_id] == ["stdin-1", "stdin-2"]
    assert first.origin == "<stdin>:1"
    assert isinstance(broken, InputError) and broken.reason.startswith("line 3: malformed JSON")


def test_stdin_too_large(monkeypatch):
    feed_stdin(monkeypatch, b"x" * 500)
    error = only_error(list(read_paths(["-"], Settings(max_bytes=100))))
    assert error.reason == "file is 500 bytes, over the limit of 100 bytes (VEILLE_MAX_BYTES)"


# ---------------------------------------------------------------- bad inputs

@pytest.mark.parametrize("data, reason", [
    (b"Rapport\x00\x01\x02 secret", "binary file (NUL bytes), not text"),
    (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "binary file (PDF), not text"),
    (b"\x89PNG\r\n\x1a\n\x00\x00", "binary file (PNG image), not text"),
    (b"PK\x03\x04\x14\x00", "binary file (ZIP or Office document), not text"),
    (bytes(range(1, 32)) * 4 + b"texte", "binary file (control characters), not text"),
    (b"", "empty document"),
    (b" \n\t\r\n  \n", "empty document"),
    (b"\xef\xbb\xbf  \n", "empty document"),
    ("Привет, это сводка разведки на русском языке".encode("cp1251"),
     "cannot decode: not UTF-8, cp1252 or latin-1"),
    (b"\x81\x8d\x8f\x90\x9d" * 10, "cannot decode: not UTF-8, cp1252 or latin-1"),
])
def test_bad_bytes_are_refused(tmp_path, data, reason):
    path = tmp_path / "mauvais.txt"
    path.write_bytes(data)
    assert only_error(read(path)).reason == reason


def test_too_large_file(tmp_path):
    path = tmp_path / "gros.txt"
    path.write_text("Une dépêche. " * 100, encoding="utf-8")
    error = only_error(read(path, settings=Settings(max_bytes=1000)))
    assert error.reason.startswith("file is 1")
    assert error.reason.endswith("over the limit of 1000 bytes (VEILLE_MAX_BYTES)")


def test_too_large_in_megabytes():
    with pytest.raises(InputError, match=r"file is 2\.5 MB, over the limit of 2 MB \(VEILLE_MAX_BYTES\)"):
        read_bytes(b"a" * (5 * 1024 * 512), "x", "text", Settings(max_bytes=2 * 1024 * 1024), "x")


def test_missing_path_is_an_error_and_the_batch_goes_on(tmp_path):
    good = tmp_path / "bon.txt"
    good.write_text(ARTICLE, encoding="utf-8")
    bad = tmp_path / "binaire.txt"
    bad.write_bytes(b"\x00\x01")
    missing, binary, doc = read(tmp_path / "absent.txt", bad, good)
    assert isinstance(missing, InputError) and missing.reason == "no such file or directory"
    assert missing.origin == str(tmp_path / "absent.txt")
    assert isinstance(binary, InputError)
    assert isinstance(doc, Document) and doc.doc_id == "bon"


def test_unknown_format_is_an_input_error():
    with pytest.raises(InputError, match="unknown format"):
        read_bytes(b"texte", "x", "pdf", SETTINGS, "x")


@hypothesis_settings(max_examples=300, deadline=None, database=None)
@given(st.binary(max_size=2000))
def test_any_bytes_give_documents_or_an_input_error(data):
    try:
        items = read_bytes(data, "fuzz.txt", "text", SETTINGS, "fuzz")
    except InputError:
        return
    assert len(items) == 1 and isinstance(items[0], Document)
    assert items[0].text.strip()


@hypothesis_settings(max_examples=100, deadline=None, database=None)
@given(st.text(max_size=300))
def test_any_text_lines_give_records_or_errors(text):
    try:
        items = read_bytes(text.encode("utf-8"), "fuzz.jsonl", "jsonl", SETTINGS, "fuzz")
    except InputError:
        return
    assert all(isinstance(item, (Document, InputError)) for item in items)


# ---------------------------------------------------------------- UTF-16

UTF16_ARTICLE = "Alger – Le général Karim Ouali, patron de la DDSE, a reçu l’émissaire français.\r\n"


@pytest.mark.parametrize("encoded", [
    UTF16_ARTICLE.encode("utf-16"),                        # BOM, the machine's order
    b"\xff\xfe" + UTF16_ARTICLE.encode("utf-16-le"),
    b"\xfe\xff" + UTF16_ARTICLE.encode("utf-16-be"),
    UTF16_ARTICLE.encode("utf-16-le"),                     # no BOM: told by its NUL bytes
    UTF16_ARTICLE.encode("utf-16-be"),
])
def test_utf16_is_decoded(tmp_path, encoded):
    path = tmp_path / "unicode.txt"
    path.write_bytes(encoded)
    doc = only_document(read(path))
    assert doc.text == UTF16_ARTICLE.replace("\r\n", "\n")
    assert not doc.text.startswith("\ufeff")


def test_utf16_json_record(tmp_path):
    path = tmp_path / "export.json"
    path.write_bytes(json.dumps({"text": "Une dépêche sur la DGSI.", "title": "Dépêche"},
                                ensure_ascii=False).encode("utf-16"))
    doc = only_document(read(path))
    assert (doc.text, doc.title) == ("Une dépêche sur la DGSI.", "Dépêche")


@pytest.mark.parametrize("data, reason", [
    (b"\xff\xfe" + "texte".encode("utf-16-le") + b"\x00\xd8", "cannot decode: not valid UTF-16 (LE)"),
    (b"\xfe\xff" + "\ue000\ue001\ue002\ue003 privé".encode("utf-16-be"),
     "binary file (not text, though it opens like UTF-16)"),
    (b"\xff\xfe" + bytes(range(256)) * 8, "cannot decode: not valid UTF-16 (LE)"),
    (b"\xff\xfe\x00\x00" + "texte".encode("utf-32-le"), "binary file (NUL bytes), not text"),
    (b"\x00" * 64, "binary file (NUL bytes), not text"),
])
def test_bad_utf16_is_refused_in_one_line(tmp_path, data, reason):
    path = tmp_path / "mauvais.txt"
    path.write_bytes(data)
    assert only_error(read(path)).reason == reason


def test_utf16_json_lines_on_stdin(monkeypatch):
    feed_stdin(monkeypatch, '{"text": "Une dépêche."}\n{"text": "Deux."}\n'.encode("utf-16"))
    assert [d.text for d in read_paths(["-"], SETTINGS)] == ["Une dépêche.", "Deux."]
