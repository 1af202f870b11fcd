"""TBX-Basic import and export: the shapes real term bases come in, round trips, and
hostile files refused.

The TBX documents below are written here, shaped on real ones: the LTAC-Global TBX-Basic
dialect samples (v3 DCA and DCT styles: xml-model instructions, transaction groups,
description groups, a byte order mark) and CRITI's TBX v2 export (a DOCTYPE naming its
DTD, `tig`). Those files are third-party data that the shared corpora do not hold, so
they are not copied here.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from support import write
from terminology.glossaries import terms

from l10n.errors import L10nError
from l10n.glossary import Forms, Glossary, tbx

V3_DCA = """\ufeff<?xml version="1.0" encoding="utf-8"?>
<?xml-model href="https://example.org/TBXcoreStructV03.rng" type="application/xml"?>
<tbx type="TBX-Basic" style="dca" xml:lang="en" xmlns="urn:iso:std:iso:30042:ed-2">
  <tbxHeader><fileDesc><sourceDesc><p>TBX file, created via MultiTerm Export</p>
  </sourceDesc></fileDesc></tbxHeader>
  <text><body>
    <conceptEntry id="c1">
      <transacGrp><transac type="transactionType">origination</transac>
        <date>2021-10-11</date></transacGrp>
      <descrip type="subjectField">Organisations</descrip>
      <note>the coalition</note>
      <langSec xml:lang="fr-FR">
        <termSec><term>CIMCT</term>
          <termNote type="partOfSpeech">noun</termNote>
          <termNote type="administrativeStatus">preferredTerm-admn-sts</termNote></termSec>
        <termSec><term>Coalition islamique
            militaire contre le terrorisme</term>
          <termNote type="termType">fullForm</termNote>
          <termNote type="administrativeStatus">admittedTerm-admn-sts</termNote></termSec>
      </langSec>
      <langSec xml:lang="en-US">
        <descripGrp><descrip type="definition">An alliance of 41 states.</descrip>
          <admin type="source">imctc.org</admin></descripGrp>
        <termSec><term>IMCTC</term>
          <termNote type="administrativeStatus">preferredTerm-admn-sts</termNote>
          <descripGrp><descrip type="context">IMCTC hosted the meeting.</descrip></descripGrp>
        </termSec>
        <termSec><term>the Coalition</term>
          <termNote type="termType">shortForm</termNote></termSec>
        <termSec><term>Islamic Coalition</term>
          <termNote type="administrativeStatus">supersededTerm-admn-sts</termNote></termSec>
      </langSec>
      <langSec xml:lang="ar">
        <termSec><term>التحالف الإسلامي العسكري لمحاربة الإرهاب</term></termSec>
        <termSec><term>التحالف</term><termNote type="termType">shortForm</termNote>
          <termNote type="administrativeStatus">admittedTerm-admn-sts</termNote></termSec>
      </langSec>
      <langSec xml:lang="es"><termSec><term>CIMCT</term></termSec></langSec>
    </conceptEntry>
    <conceptEntry id="c2">
      <langSec xml:lang="en"><termSec><term>member state</term>
        <termNote type="administrativeStatus">preferredTerm-admn-sts</termNote></termSec>
        <termSec><term>member country</term>
        <termNote type="administrativeStatus">deprecatedTerm-admn-sts</termNote></termSec>
      </langSec>
      <langSec xml:lang="en-GB"><termSec><term>Member State</term>
        <termNote type="administrativeStatus">preferredTerm-admn-sts</termNote></termSec>
      </langSec>
    </conceptEntry>
    <conceptEntry id="c3"><langSec xml:lang="de"><termSec><term>Mitgliedstaat</term>
    </termSec></langSec></conceptEntry>
  </body></text>
</tbx>
"""

V3_DCT = """<?xml version="1.0" encoding="utf-8"?>
<tbx type="TBX-Basic" style="dct" xml:lang="en" xmlns="urn:iso:std:iso:30042:ed-2"
     xmlns:min="http://www.tbxinfo.net/ns/min" xmlns:basic="http://www.tbxinfo.net/ns/basic">
  <tbxHeader><fileDesc><sourceDesc><p>DCT</p></sourceDesc></fileDesc></tbxHeader>
  <text><body>
    <conceptEntry id="c1">
      <langSec xml:lang="en">
        <basic:definition>A state that belongs to the coalition.</basic:definition>
        <termSec><term>member state</term>
          <min:administrativeStatus>preferredTerm-admn-sts</min:administrativeStatus></termSec>
        <termSec><term>member country</term>
          <min:administrativeStatus>supersededTerm-admn-sts</min:administrativeStatus></termSec>
        <termSec><term>the member</term><basic:termType>shortForm</basic:termType></termSec>
      </langSec>
      <langSec xml:lang="fr"><termSec><term>État membre</term></termSec></langSec>
    </conceptEntry>
  </body></text>
</tbx>
"""

V2_MARTIF = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE martif SYSTEM "TBXBasiccoreStructV02.dtd">
<!-- Created by a terminology management system. -->
<martif type="TBX-Basic" xml:lang="en">
  <martifHeader><fileDesc><titleStmt><title>Export</title></titleStmt>
    <sourceDesc><p>tbx export</p></sourceDesc></fileDesc>
    <encodingDesc><p type="XCSURI">TBXBasicXCSV02.xcs</p></encodingDesc></martifHeader>
  <text><body>
    <termEntry id="c0d63ffe">
      <descrip type="subjectField">Places</descrip>
      <langSet xml:lang="fr"><tig><term>Malaisie</term>
        <termNote type="administrativeStatus">preferredTerm-admn-sts</termNote></tig></langSet>
      <langSet xml:lang="en"><tig><term>Malaysia</term>
        <termNote type="administrativeStatus">preferredTerm-admn-sts</termNote></tig>
        <ntig><termGrp><term>State of Malaysia</term>
          <termNote type="administrativeStatus">deprecatedTerm-admn-sts</termNote></termGrp>
        </ntig></langSet>
      <langSet xml:lang="pt"><tig><term>Malásia</term></tig></langSet>
    </termEntry>
  </body></text>
</martif>
"""


def test_tbx_v3_dca_maps_statuses_short_forms_regions_and_notes():
    base = tbx.parse(V3_DCA.encode("utf-8"), "a.tbx")
    coalition, member = base.terms
    assert coalition.forms == {
        "fr": Forms("CIMCT", ("Coalition islamique militaire contre le terrorisme",)),
        "en": Forms("IMCTC", (), "the Coalition", ("Islamic Coalition",)),
        "ar": Forms("التحالف الإسلامي العسكري لمحاربة الإرهاب", (), "التحالف"),
    }
    assert coalition.note == "the coalition"
    # en and en-GB are one language: the second preferred term is admitted
    assert member.forms == {"en": Forms("member state", ("Member State",), "",
                                        ("member country",))}
    assert member.note == ""
    assert base.other_languages == ("de", "es") and base.skipped == 1


def test_tbx_v3_dct_style_reads_the_same_categories():
    [term] = tbx.parse(V3_DCT.encode(), "a.tbx").terms
    assert term.forms == {"en": Forms("member state", (), "the member", ("member country",)),
                          "fr": Forms("État membre")}
    assert term.note == "A state that belongs to the coalition."  # a definition, no note


def test_tbx_v2_martif_with_tig_and_ntig():
    base = tbx.parse(V2_MARTIF.encode(), "a.tbx")
    [term] = base.terms
    assert term.forms == {"fr": Forms("Malaisie"),
                          "en": Forms("Malaysia", (), "", ("State of Malaysia",))}
    assert base.other_languages == ("pt",)


@settings(max_examples=150, deadline=None)
@given(st.lists(terms(), min_size=1, max_size=6), st.sampled_from([2, 3]))
def test_export_then_import_gives_the_same_glossary(written, version):
    data = tbx.serialize(written, version=version)
    assert Glossary(tbx.parse(data, "x.tbx").terms) == Glossary(written)


def test_import_export_import_through_the_cli(workspace, run, tmp_path):
    write(tmp_path / "office.tbx", V3_DCA)
    result = run("glossary", "import", tmp_path / "office.tbx", cwd=workspace)
    assert result.code == 0, result.err
    assert result.out.splitlines() == [
        f"imported 2 concept(s) from {tmp_path / 'office.tbx'} into glossary.csv",
        "left out: terms in de, es",
        "left out: 1 concept(s) with no term in fr, en or ar"]
    csv = (workspace / "glossary.csv").read_text()
    assert csv.splitlines()[0] == ("fr,en,ar,note,dnt,fr_admitted,en_admitted,en_short,"
                                   "en_forbidden,ar_short")
    imported = Glossary.load(workspace / "glossary.csv")
    for version in ([], ["--tbx2"]):
        assert run("glossary", "export", tmp_path / "out.tbx", *version, cwd=workspace).code == 0
        again = run("glossary", "import", tmp_path / "out.tbx", cwd=workspace)
        assert again.code == 0 and "glossary.csv already holds the 2 concept(s)" in again.out
        assert (workspace / "glossary.csv").read_text() == csv
        assert Glossary(tbx.parse((tmp_path / "out.tbx").read_bytes(), "o").terms) == imported


def test_export_without_a_glossary_is_refused_not_an_empty_term_base(workspace, run, tmp_path):
    result = run("glossary", "export", tmp_path / "out.tbx", cwd=workspace)
    assert result.code == 2
    assert "no glossary.csv in the workspace" in result.err and "glossary import" in result.err
    assert not (tmp_path / "out.tbx").exists() and "exported" not in result.out


def test_dnt_and_scope_travel_in_notes_of_our_own(workspace, run, tmp_path):
    write(workspace / "glossary.csv",
          "fr,en,ar,note,dnt,scope\nNATO,NATO,,alliance,yes,\n"
          "Major-Général,Maj. Gen.,اللواء الطيار الركن,,,Al-Moghidi|Secrétaire général\n")
    run("glossary", "export", tmp_path / "out.tbx", cwd=workspace)
    text = (tmp_path / "out.tbx").read_text()
    assert "<note>l10n: do not translate</note>" in text
    assert "<note>l10n: scope: Al-Moghidi|Secrétaire général</note>" in text
    nato, rank = tbx.parse(text.encode(), "out.tbx").terms
    assert nato.dnt and nato.note == "alliance" and not rank.dnt
    assert rank.scope == ("Al-Moghidi", "Secrétaire général")


def test_a_different_glossary_is_only_replaced_when_asked(workspace, run, tmp_path):
    write(workspace / "glossary.csv", "fr,en\nRiyad,Riyadh\n")
    write(tmp_path / "office.tbx", V2_MARTIF)
    refused = run("glossary", "import", tmp_path / "office.tbx", cwd=workspace)
    assert refused.code == 2 and "glossary.csv already holds other terms" in refused.err
    assert "--replace" in refused.err
    assert (workspace / "glossary.csv").read_text() == "fr,en\nRiyad,Riyadh\n"
    done = run("glossary", "import", "--replace", tmp_path / "office.tbx", cwd=workspace)
    assert done.code == 0 and "imported 1 concept(s)" in done.out
    assert Glossary.load(workspace / "glossary.csv").terms[0].form("en") == "Malaysia"


@pytest.mark.parametrize("doctype", [
    '<!DOCTYPE tbx [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>',
    '<!DOCTYPE tbx [<!ENTITY % remote SYSTEM "http://127.0.0.1:9/x.dtd"> %remote;]>',
    '<!DOCTYPE tbx [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
    '<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>',
])
def test_entities_are_refused_and_nothing_is_written(workspace, run, tmp_path, doctype):
    hostile = V3_DCA.replace("\ufeff", "").replace(
        '<tbx type', doctype + '\n<tbx type', 1).replace("<term>CIMCT</term>", "<term>&xxe;</term>")
    write(tmp_path / "hostile.tbx", hostile)
    result = run("glossary", "import", tmp_path / "hostile.tbx", cwd=workspace)
    assert result.code == 2 and "the DOCTYPE declares entities" in result.err
    assert "a TBX file needs no entity declarations" in result.err
    assert not (workspace / "glossary.csv").exists()


@pytest.mark.parametrize("text, line, message", [
    ("<martif><text></text></martif>", 1, "TBX file without <body>"),
    ("<tmx version='1.4'><body/></tmx>", 1, "not a TBX file: the root element is <tmx>"),
    ("<tbx><text><body>\n<conceptEntry id='c'><langSec><termSec><term>x</term></termSec>"
     "</langSec></conceptEntry></body></text></tbx>", 2, "<langSec> without xml:lang"),
    ("<tbx><text><body><conceptEntry id='c'><langSec xml:lang='en'>\n<termSec><term> </term>"
     "</termSec></langSec></conceptEntry></body></text></tbx>", 2, "<termSec> without a term"),
    ("<tbx><text><body><conceptEntry id='c'><langSec xml:lang='en'><termSec><term>x</term>\n"
     "<termNote type='administrativeStatus'>approved</termNote></termSec></langSec>"
     "</conceptEntry></body></text></tbx>", 2, "unknown administrativeStatus 'approved'"),
    ("<tbx><text><body>\n<conceptEntry id='c'><langSec xml:lang='en'><termSec><term>x</term>"
     "</termSec><termSec><term>X</term><termNote type='administrativeStatus'>"
     "deprecatedTerm-admn-sts</termNote></termSec></langSec></conceptEntry></body></text></tbx>",
     2, "«x» is both accepted and forbidden in en"),
    ("<tbx><text><body><conceptEntry>", 1, "not well-formed XML"),
])
def test_bad_files_are_refused_with_their_line(text, line, message):
    with pytest.raises(L10nError) as info:
        tbx.parse(text.encode(), "bad.tbx")
    assert message in info.value.message and info.value.line == line


def test_a_file_without_any_of_our_languages_is_refused(workspace, run, tmp_path):
    write(tmp_path / "de.tbx", "<tbx><text><body><conceptEntry id='c'><langSec xml:lang='de'>"
                               "<termSec><term>Staat</term></termSec></langSec></conceptEntry>"
                               "</body></text></tbx>")
    result = run("glossary", "import", tmp_path / "de.tbx", cwd=workspace)
    assert result.code == 2 and "no concept has a term in fr, en or ar" in result.err
    assert not (workspace / "glossary.csv").exists()
