"""HTML and XHTML: what translators see, what stays untouched, and what an Arabic build gets."""

from __future__ import annotations

import pytest

from l10n.errors import L10nError
from l10n.formats import html
from l10n.formats import units as document
from l10n.segmentation import Segmenter

PAGE = """<!DOCTYPE html>
<html lang="fr">
<head>
<meta charset="utf-8">
<title>Visite &amp; réunion</title>
<meta name="description" content="La CIMCT reçoit une délégation.">
<meta http-equiv="Content-Language" content="fr">
<style>p::before { content: "Ne pas traduire"; }</style>
</head>
<body>
<h1>La CIMCT reçoit le <em>vice-ministre</em></h1>
<p>Le Secrétaire général a reçu la délégation au <a href="https://imctc.org/fr" title="Site de la coalition">siège de la CIMCT</a> à Riyad. Il a remercié <span lang="en">His Excellency</span>.
<p>Lancez <code>l10n update</code>, puis lisez <img src="a.png" alt="Photo du siège"> ceci.
<pre>Rien ici.</pre>
<div class="notranslate">Rien non plus. <p translate="yes">Sauf ceci.</p></div>
<p translate="no">Ni cela.</p>
<script>document.write("<p>Pas ceci</p>")</script>
</body>
</html>
"""


def units_of(text: str) -> list[document.Unit]:
    return document.extract(text, html, Segmenter.for_language("fr"))


def build(text: str, translations: dict[str, str], target: str) -> str:
    return document.render(text, units_of(text), lambda u: translations.get(u.msgid),
                           fmt=html, source="fr", target=target)


def test_translators_see_block_text_attributes_and_placeholders_only():
    units = units_of(PAGE)
    assert [(u.note, u.msgid) for u in units] == [
        ("page title", "Visite & réunion"),
        ("page description", "La CIMCT reçoit une délégation."),
        ("heading", "La CIMCT reçoit le <1>vice-ministre</1>"),
        ("paragraph", "Le Secrétaire général a reçu la délégation au <1>siège de la CIMCT</1> "
                      "à Riyad."),
        ("tooltip (title)", "Site de la coalition"),
        ("paragraph", "Il a remercié <1>His Excellency</1>."),
        ("paragraph", "Lancez <1/>, puis lisez <2/> ceci."),
        ("image description (alt)", "Photo du siège"),
        ("paragraph", "Sauf ceci."),
    ]
    assert [u.line for u in units][:4] == [5, 6, 11, 12]


def test_a_translator_can_move_a_link_and_its_attributes_follow():
    out = build(PAGE, {
        "Le Secrétaire général a reçu la délégation au <1>siège de la CIMCT</1> à Riyad.":
            "At the <1>IMCTC headquarters</1> in Riyadh, the Secretary-General received the "
            "delegation.",
        "Site de la coalition": "The coalition's website",
    }, "en")
    assert ('<p>At the <a href="https://imctc.org/fr" title="The coalition&#39;s website">'
            "IMCTC headquarters</a> in Riyadh, the Secretary-General received the delegation. "
            "Il a remercié" in out.replace('title="The coalition\'s website"',
                                           'title="The coalition&#39;s website"'))
    assert '<html lang="en">' in out and 'content="en"' in out


def test_moved_image_keeps_its_translated_alt():
    out = build(PAGE, {"Lancez <1/>, puis lisez <2/> ceci.": "<2/> Read this after running <1/>.",
                       "Photo du siège": "The headquarters"}, "en")
    assert ('<p><img src="a.png" alt="The headquarters"> Read this after running '
            "<code>l10n update</code>.\n") in out


def test_untouched_parts_stay_byte_for_byte():
    everything = {u.msgid: "X" for u in units_of(PAGE)}
    out = build(PAGE, everything, "en")
    for kept in ('<style>p::before { content: "Ne pas traduire"; }</style>', "<pre>Rien ici.</pre>",
                 '<div class="notranslate">Rien non plus. <p translate="yes">X</p></div>',
                 '<p translate="no">Ni cela.</p>', '<script>document.write("<p>Pas ceci</p>")</script>',
                 "<!DOCTYPE html>\n", '<meta charset="utf-8">'):
        assert kept in out


def test_arabic_build_declares_rtl_and_isolates_left_to_right_runs():
    out = build(PAGE, {
        "Visite & réunion": "زيارة واجتماع",
        "La CIMCT reçoit le <1>vice-ministre</1>": "التحالف (IMCTC) يستقبل <1>نائب الوزير</1>",
        "Il a remercié <1>His Excellency</1>.": "وشكر <1>His Excellency</1>.",
        "Site de la coalition": "موقع التحالف www.imctc.org",
        "Lancez <1/>, puis lisez <2/> ceci.": "اتصلوا على +966 11 234 5678 أو info@imctc.org <1/><2/>.",
    }, "ar")
    assert '<html dir="rtl" lang="ar">' in out or '<html lang="ar" dir="rtl">' in out
    assert '<meta http-equiv="Content-Language" content="ar">' in out
    assert "<title>زيارة واجتماع</title>" in out
    assert '<h1>التحالف (<span dir="ltr">IMCTC</span>) يستقبل <em>نائب الوزير</em></h1>' in out
    assert 'title="موقع التحالف \u2066www.imctc.org\u2069"' in out  # attributes: marks
    assert '<span lang="en"><span dir="ltr">His Excellency</span></span>' in out  # kept lang
    assert ('اتصلوا على <span dir="ltr">+966 11 234 5678</span> أو '
            '<span dir="ltr">info@imctc.org</span> <code>') in out


def test_root_dir_and_source_language_marks_follow_the_target():
    page = ('<html lang="ar" dir="rtl"><body><p lang="ar-SA" dir="rtl">نص.</p>'
            '<p lang="en">Text.</p></body></html>')
    out = document.render(page, document.extract(page, html, Segmenter.for_language("ar")),
                          lambda u: None, fmt=html, source="ar", target="fr")
    assert out == ('<html lang="fr" dir="ltr"><body><p lang="fr" dir="ltr">نص.</p>'
                   '<p lang="en">Text.</p></body></html>')


def test_broken_placeholders_refuse_clearly_and_a_dropped_pair_is_allowed():
    msgid = "Le Secrétaire général a reçu la délégation au <1>siège de la CIMCT</1> à Riyad."
    for bad, why in (("At <1>HQ.", "<1> is not closed"), ("At <2/>.", "<2/> is not in the source")):
        with pytest.raises(L10nError) as error:
            build(PAGE, {msgid: bad}, "en")
        assert why in str(error.value) and "Le Secrétaire" in str(error.value)
    assert "<p>At headquarters. Il a" in build(PAGE, {msgid: "At headquarters."}, "en")


def test_a_sentence_split_never_separates_a_pair():
    units = units_of("<p>Un <b>deux. Trois</b> quatre. <a href=x>Cinq.</a> Six <br>sept.</p>")
    assert [u.msgid for u in units] == ["Un <1>deux. Trois</1> quatre.", "Cinq.",
                                        "Six <1/>sept."]


def test_a_script_inside_a_paragraph_is_invisible_to_the_sentence_splitter():
    units = units_of("<p>Fin.<script>track()</script> Suite <code>x</code>.</p>")
    assert [u.msgid for u in units] == ["Fin.", "Suite <1/>."]


def test_parsing_is_safe_no_dtd_no_entity_expansion():
    page = ('<?xml version="1.0"?>\n<!DOCTYPE html [<!ENTITY boom "BOOM"> '
            '<!ENTITY ext SYSTEM "http://127.0.0.1:9/x">]>\n'
            '<html xmlns="http://www.w3.org/1999/xhtml"><body><p>A &boom; &ext; b.</p>'
            "</body></html>")
    assert [u.msgid for u in units_of(page)] == ["A &boom; &ext; b."]


def test_whitespace_collapses_for_translators_and_entities_decode():
    units = units_of("<p>\n  Le&nbsp;texte\r\n   continue &eacute;t&#233; &#x27;ici&#x27;.\n</p>")
    assert [u.msgid for u in units] == ["Le\u00a0texte continue été 'ici'."]
