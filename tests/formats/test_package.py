"""Hostile packages: each is refused with a clear message before anything is unpacked or
written, by the format and through the CLI (exit 2, no PO file, no build)."""

from __future__ import annotations

import io
import os
import zipfile

import pytest
from office_kit import body, docx, members, units
from support import l10n, temporaries, write

from l10n.errors import L10nError

GOOD = body("<w:p><w:r><w:t>Le vice-ministre a visité la CIMCT.</w:t></w:r></w:p>")


def rezip(data: bytes, extra: dict[str, bytes], replace: dict[str, bytes] | None = None) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in members(data).items():
            archive.writestr(name, (replace or {}).get(name, content))
        for name, content in extra.items():
            archive.writestr(name, content)
    return out.getvalue()


def zip_bomb() -> bytes:
    return rezip(docx(GOOD), {"word/media/image1.png": bytes(60_000_000)})


def big_document() -> bytes:
    """A 50 MB document.xml that compresses like text (no bomb): only its size is wrong."""
    paragraph = "<w:p><w:r><w:t>{}</w:t></w:r></w:p>"
    chunk = "".join(paragraph.format(os.urandom(300).hex()) for _ in range(100))
    return docx(body(chunk * (50_000_000 // len(chunk) + 1)))


XXE = ('<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE w:document [<!ENTITY secret SYSTEM '
       '"file:///etc/passwd"><!ENTITY remote SYSTEM "http://127.0.0.1:9/x">]>\n'
       + GOOD.split("\r\n", 1)[1].replace("la CIMCT", "&secret;&remote;"))
LAUGHS = ('<?xml version="1.0"?>\n<!DOCTYPE w:document [<!ENTITY a "aaaaaaaaaa">'
          + "".join(f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">'
                    for i in range(8))
          + ']>\n' + GOOD.split("\r\n", 1)[1].replace("la CIMCT", "&i;"))

HOSTILE = {
    "zip bomb": (zip_bomb, "a zip bomb"),
    "zip slip": (lambda: rezip(docx(GOOD), {"../../outside.xml": b"<x/>"}), "points outside it"),
    "absolute name": (lambda: rezip(docx(GOOD), {"/etc/cron.d/x": b"<x/>"}), "points outside it"),
    "backslash name": (lambda: rezip(docx(GOOD), {"word\\..\\..\\x.xml": b"<x/>"}),
                       "points outside it"),
    "external entity": (lambda: docx(XXE), "declares a DTD"),
    "billion laughs": (lambda: docx(LAUGHS), "declares a DTD"),
    "50 MB document.xml": (big_document, "above the limit of 20,000,000"),
    "missing document part": (lambda: rezip(docx(GOOD), {}, {"_rels/.rels": b"<Relationships "
                              b'xmlns="http://schemas.openxmlformats.org/package/2006/'
                              b'relationships"/>'}), "has no main document part"),
    "broken XML": (lambda: docx(GOOD.replace("</w:body>", "")), "not well-formed XML"),
    "not a zip": (lambda: b"PK\x03\x04 this is no zip at all", "zip container is unreadable"),
}


@pytest.fixture(scope="module")
def hostile() -> dict[str, bytes]:
    return {name: make() for name, (make, _) in HOSTILE.items()}


@pytest.mark.parametrize("name", HOSTILE)
def test_hostile_package_is_refused_clearly(hostile, name):
    with pytest.raises(L10nError) as error:
        units(hostile[name], ".docx")
    assert HOSTILE[name][1] in str(error.value)
    assert error.value.hint


def test_refusal_is_exit_2_and_nothing_is_written(tmp_path, hostile):
    for name, data in hostile.items():
        root = tmp_path / name.replace(" ", "-")
        write(root / "l10n.toml", '[languages]\nfr = ["en", "ar"]\n')
        write(root / "sources/fr/communique.docx", data)
        result = l10n(root, "update")
        assert result.returncode == 2, (name, result.stderr)
        assert result.stderr.startswith("l10n: error: ") and "Traceback" not in result.stderr
        assert HOSTILE[name][1] in result.stderr, (name, result.stderr)
        assert not (root / "translations").exists() or not any((root / "translations").rglob("*"))
        assert not (root / "outside.xml").exists() and not temporaries(root)
