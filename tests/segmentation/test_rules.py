"""The built-in rules on small cases written for this project, so they run on a fresh clone.

Each case is the text and the sentences a translator should get; the corpora tests
(test_corpora.py) measure the same rules against third-party gold data.
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from l10n.segmentation import Segmenter

NBSP, NNBSP = "\u00a0", "\u202f"
LRE, PDF = "\u202a", "\u202c"


def sentences(lang: str, text: str) -> list[str]:
    return [text[a:b] for a, b in Segmenter.for_language(lang).split(text)]


ENGLISH = [
    ("Hello there. My name is Sam.", ["Hello there.", "My name is Sam."]),
    ("Is it late? It is. Wow! That worked.", ["Is it late?", "It is.", "Wow!", "That worked."]),
    ("Really?! Yes. No!! Why?? Fine.", ["Really?!", "Yes.", "No!!", "Why??", "Fine."]),
    ("The report was written by Anna K. Lee.", ["The report was written by Anna K. Lee."]),
    ("See p. 12 and No. 4 for details.", ["See p. 12 and No. 4 for details."]),
    ("Smith and co. were late.", ["Smith and co. were late."]),
    ("Ask Smith and Co. They know.", ["Ask Smith and Co.", "They know."]),
    ("Dr. Watson met Mr. Holmes at St. Paul's.", ["Dr. Watson met Mr. Holmes at St. Paul's."]),
    ("She lived in the U.K. for ten years.", ["She lived in the U.K. for ten years."]),
    ("He works in the U.S. What about you?", ["He works in the U.S.", "What about you?"]),
    ("The U.S. Army arrived.", ["The U.S. Army arrived."]),
    ("At 7 a.m. Mrs. Lee opened the shop. She closed at 8 P.M. Mrs. Lee then left.",
     ["At 7 a.m. Mrs. Lee opened the shop.", "She closed at 8 P.M.", "Mrs. Lee then left."]),
    ("They built it in 250 B.C. Rome grew.", ["They built it in 250 B.C.", "Rome grew."]),
    ("It costs $20.50 today. It cost $19.99. That was cheap.",
     ["It costs $20.50 today.", "It cost $19.99.", "That was cheap."]),
    ("He left (he said he was tired.) before dinner.",
     ["He left (he said he was tired.) before dinner."]),
    ("Write to jane.roe@example.org. She answers fast.",
     ["Write to jane.roe@example.org.", "She answers fast."]),
    ("Visit https://example.org/news/a.b.html. It has news.",
     ["Visit https://example.org/news/a.b.html.", "It has news."]),
    ('He said, "It is done." She nodded. "Go," she said.',
     ['He said, "It is done."', "She nodded.", '"Go," she said.']),
    ("She works at Yahoo! in London.", ["She works at Yahoo! in London."]),
    ("We left, you and I. Did they meet George I. Clark?",
     ["We left, you and I.", "Did they meet George I. Clark?"]),
    ("1.) Open the box 2.) Take the tool", ["1.) Open the box", "2.) Take the tool"]),
    ("a. Red b. Green c. Blue", ["a. Red", "b. Green", "c. Blue"]),
    ("1. Open the box. 2. Take the tool.", ["1. Open the box.", "2. Take the tool."]),
    ("Wait... Then go.", ["Wait...", "Then go."]),
    ("It was ... well, fine.", ["It was ... well, fine."]),
    ("The hall was full . . . I stayed.", ["The hall was full . . . I stayed."]),
    ("They waited. . . . The door opened.", ["They waited.", ". . . The door opened."]),
    ('"Quotes [...] stay whole [...]" (Lee 4).', ['"Quotes [...] stay whole [...]" (Lee 4).']),
    # Closing quotes and brackets after the sentence end belong to that sentence.
    ("He said “we will see.” Then he left.", ["He said “we will see.”", "Then he left."]),
    ("He praised “its role.”", ["He praised “its role.”"]),
    ("He praised “its role. ”", ["He praised “its role. ”"]),
    ("He called it ‘done.’ (It was.) [Really?] Fine.",
     ["He called it ‘done.’", "(It was.)", "[Really?]", "Fine."]),
    ('He said "we will see." "When?" she asked.', ['He said "we will see."', '"When?" she asked.']),
    ('She wrote: " It is done. "', ['She wrote: " It is done. "']),
    ("He left (for good.) before dinner.", ["He left (for good.) before dinner."]),
]

FRENCH = [
    ("M. Dupont est arrivé. Il a salué Mme Martin.",
     ["M. Dupont est arrivé.", "Il a salué Mme Martin."]),
    ("S.E. M. Jean Dupont a reçu le Dr Martin et MM. Durand.",
     ["S.E. M. Jean Dupont a reçu le Dr Martin et MM. Durand."]),
    ("Voir l'art. 5 du décret, la p. 12 du rapport et le n°. 7.",
     ["Voir l'art. 5 du décret, la p. 12 du rapport et le n°. 7."]),
    ("Selon E. Macron, la réunion est utile.", ["Selon E. Macron, la réunion est utile."]),
    ("La réunion a eu lieu le 11/10/2021. Elle a duré le 12.10.2021. Elle est finie.",
     ["La réunion a eu lieu le 11/10/2021.", "Elle a duré le 12.10.2021.", "Elle est finie."]),
    ("Le budget atteint 1 000,5 millions, soit 1,000.5 en anglais. Il augmente.",
     ["Le budget atteint 1 000,5 millions, soit 1,000.5 en anglais.", "Il augmente."]),
    (f"Vraiment{NNBSP}? Oui{NBSP}! Pourquoi{NBSP}: parce que{NBSP}; enfin.",
     [f"Vraiment{NNBSP}?", f"Oui{NBSP}!", f"Pourquoi{NBSP}: parce que{NBSP}; enfin."]),
    (f"«{NBSP}Nous sommes prêts{NBSP}», a déclaré le ministre. Il a ajouté{NBSP}: "
     f"«{NBSP}Nous agirons.{NBSP}» Puis il est parti.",
     [f"«{NBSP}Nous sommes prêts{NBSP}», a déclaré le ministre.",
      f"Il a ajouté{NBSP}: «{NBSP}Nous agirons.{NBSP}»", "Puis il est parti."]),
    (f"«{NBSP}Quel succès{NBSP}!{NBSP}» s'est exclamé le ministre.",
     [f"«{NBSP}Quel succès{NBSP}!{NBSP}» s'est exclamé le ministre."]),
    ("« Merci. » Le ministre a conclu.", ["« Merci. »", "Le ministre a conclu."]),
    ("Des mesures, p. ex. la formation, sont prévues.",
     ["Des mesures, p. ex. la formation, sont prévues."]),
    ("Il est né en 500 av. J.-C. à Rome. Il régna en 480 av. J.-C. Le royaume grandit.",
     ["Il est né en 500 av. J.-C. à Rome.", "Il régna en 480 av. J.-C.",
      "Le royaume grandit."]),
    ("Consultez www.cimct.org. Écrivez à contact@cimct.org. Réponse sous 48 h.",
     ["Consultez www.cimct.org.", "Écrivez à contact@cimct.org.", "Réponse sous 48 h."]),
    ("Les domaines sont l'idéologie, la communication, etc. Le ministre a salué ce rôle.",
     ["Les domaines sont l'idéologie, la communication, etc.",
      "Le ministre a salué ce rôle."]),
    ("LL.MM. le Roi et la Reine sont arrivés.", ["LL.MM. le Roi et la Reine sont arrivés."]),
    ("Les vols vont de A à B. Les prix varient.", ["Les vols vont de A à B.", "Les prix varient."]),
    ("Il hésita… Puis il signa. Il attendit… et repartit.",
     ["Il hésita…", "Puis il signa.", "Il attendit… et repartit."]),
    ("Ici. Le ministre est là. IV. Conclusions du rapport.",
     ["Ici.", "Le ministre est là.", "IV. Conclusions du rapport."]),
    ("Intercept Ltd. a signé. La société Intercept Ltd. est ici.",
     ["Intercept Ltd. a signé.", "La société Intercept Ltd. est ici."]),
    # Closing quotes and brackets after the sentence end belong to that sentence, with or
    # without a (narrow) no-break space, mid-paragraph and at the end of the paragraph.
    ("Il a dit « on verra. » Puis il est parti.", ["Il a dit « on verra. »", "Puis il est parti."]),
    ("Il a dit « on verra. »", ["Il a dit « on verra. »"]),
    (f"Il a dit «{NBSP}on verra.{NBSP}»", [f"Il a dit «{NBSP}on verra.{NBSP}»"]),
    (f"Il a dit «{NNBSP}on verra{NNBSP}!{NNBSP}» Puis.{NNBSP}»",
     [f"Il a dit «{NNBSP}on verra{NNBSP}!{NNBSP}»", f"Puis.{NNBSP}»"]),
    ("Il a conclu : « Nous verrons… »", ["Il a conclu : « Nous verrons… »"]),
    ("« Le rôle. » « Les moyens. »", ["« Le rôle. »", "« Les moyens. »"]),
    ("« Le rôle. », a-t-il dit.", ["« Le rôle. », a-t-il dit."]),
    (f"Il a dit (on verra.{NBSP}) Puis [il est parti.{NNBSP}]",
     [f"Il a dit (on verra.{NBSP})", f"Puis [il est parti.{NNBSP}]"]),
    (f"Il a dit ‹{NBSP}on verra ?{NBSP}›", [f"Il a dit ‹{NBSP}on verra ?{NBSP}›"]),
    # A straight quote after a space closes the sentence when it holds an odd number of them.
    (f'Il a dit "{NBSP}on verra.{NBSP}" Puis il est parti. "{NBSP}Merci.{NBSP}"',
     [f'Il a dit "{NBSP}on verra.{NBSP}"', "Puis il est parti.", f'"{NBSP}Merci.{NBSP}"']),
]

ARABIC = [
    ("وصل الوفد إلى الرياض. وعقد اجتماعاً مع الأمين العام.",
     ["وصل الوفد إلى الرياض.", "وعقد اجتماعاً مع الأمين العام."]),
    ("هل انتهى الاجتماع؟ نعم، انتهى! ثم غادر الوفد?  وعاد غداً.",
     ["هل انتهى الاجتماع؟", "نعم، انتهى!", "ثم غادر الوفد?", "وعاد غداً."]),
    ("انتظر الجميع طويلاً… ثم بدأ الاجتماع.", ["انتظر الجميع طويلاً…", "ثم بدأ الاجتماع."]),
    # Never at the Arabic comma or semicolon, nor at a colon.
    ("قال الوزير، في كلمته، إن التعاون مهم؛ وأضاف: إن العمل مستمر.",
     ["قال الوزير، في كلمته، إن التعاون مهم؛ وأضاف: إن العمل مستمر."]),
    ("وقال د. أحمد إن الحالة مستقرة.", ["وقال د. أحمد إن الحالة مستقرة."]),
    (f"وقال د{LRE}.{PDF} أحمد إن الحالة مستقرة{LRE}.{PDF} وغادر المستشفى.",
     [f"وقال د{LRE}.{PDF} أحمد إن الحالة مستقرة{LRE}.{PDF}", "وغادر المستشفى."]),
    (f"بلغت التكلفة ٣٫٥ مليار دولار أي 7.9 مليارات. وتم التوقيع في 12{LRE}/{PDF}08{LRE}/{PDF}2014.",
     ["بلغت التكلفة ٣٫٥ مليار دولار أي 7.9 مليارات.",
      f"وتم التوقيع في 12{LRE}/{PDF}08{LRE}/{PDF}2014."]),
    ("وصل عدد المشاركين إلى ١٢٠٠. وكان الحضور كبيراً.",
     ["وصل عدد المشاركين إلى ١٢٠٠.", "وكان الحضور كبيراً."]),
    ("شارك جنود من U.S. Army في التدريب. وأجري فحص MRI. ثم غادر.",
     ["شارك جنود من U.S. Army في التدريب.", "وأجري فحص MRI.", "ثم غادر."]),
    ("تأسست المدينة عام 1950 م. وكانت صغيرة.", ["تأسست المدينة عام 1950 م.", "وكانت صغيرة."]),
    ("وقال المفتش دي. كي. أريا إن التحقيق مستمر. بحسب بي بي سي. وأضافت القناة.",
     ["وقال المفتش دي. كي. أريا إن التحقيق مستمر.", "بحسب بي بي سي.", "وأضافت القناة."]),
    ('وقال: "الحالة مستقرة (مثل MRI وCT)." وأضاف: "سنواصل."',
     ['وقال: "الحالة مستقرة (مثل MRI وCT)."', 'وأضاف: "سنواصل."']),
    # Closing guillemets and quotes after the sentence end belong to that sentence.
    ("وقال الوزير: «نثمن هذا الدور.» ثم غادر.", ["وقال الوزير: «نثمن هذا الدور.»", "ثم غادر."]),
    ("وقال الوزير: «نثمن هذا الدور.»", ["وقال الوزير: «نثمن هذا الدور.»"]),
    ("وقال الوزير: « نثمن هذا الدور. »", ["وقال الوزير: « نثمن هذا الدور. »"]),
    ("وتساءل: «هل انتهى الاجتماع؟» وأجاب: ”نعم، انتهى!”",
     ["وتساءل: «هل انتهى الاجتماع؟»", "وأجاب: ”نعم، انتهى!”"]),
    ("وقال: ”سنواصل العمل… ” ثم غادر.", ["وقال: ”سنواصل العمل… ”", "ثم غادر."]),
]


@pytest.mark.parametrize(("text", "expected"), ENGLISH)
def test_english(text, expected):
    assert sentences("en", text) == expected


@pytest.mark.parametrize(("text", "expected"), FRENCH)
def test_french(text, expected):
    assert sentences("fr", text) == expected


@pytest.mark.parametrize(("text", "expected"), ARABIC)
def test_arabic(text, expected):
    assert sentences("ar", text) == expected


def test_line_breaks_inside_a_block_are_layout_not_boundaries():
    text = "Le ministre a reçu\nla délégation. Elle est\r\nrepartie."
    assert sentences("fr", text) == ["Le ministre a reçu\nla délégation.", "Elle est\r\nrepartie."]


def test_workspace_abbreviations_and_no_break_patterns_veto_breaks():
    text = "L'Insp. Dupont est venu. Voir Doc. 12 jointe. Fin."
    assert sentences("fr", text) == ["L'Insp.", "Dupont est venu.", "Voir Doc.", "12 jointe.",
                                     "Fin."]
    custom = Segmenter.for_language("fr", abbreviations=["Insp."], no_break=[r"Doc\. \d+"])
    assert [text[a:b] for a, b in custom.split(text)] == [
        "L'Insp. Dupont est venu.", "Voir Doc. 12 jointe.", "Fin."]


def test_a_no_break_pattern_blocks_a_break_right_after_its_match():
    text = "Il cite le vol. AF12. Il part."
    custom = Segmenter.for_language("fr", no_break=[r"\bAF\d+\."])
    assert [text[a:b] for a, b in custom.split(text)] == ["Il cite le vol. AF12. Il part."]


@pytest.mark.parametrize("lang, text, expected", [
    ("fr", "© 2021 CIMCT. Tous droits réservés.", ["© 2021 CIMCT. Tous droits réservés."]),
    ("en", "Copyright 2021 IMCTC. All rights reserved.",
     ["Copyright 2021 IMCTC. All rights reserved."]),
    ("ar", "© 2021 التحالف. جميع الحقوق محفوظة.", ["© 2021 التحالف. جميع الحقوق محفوظة."]),
    ("fr", "Fin du texte. © 2021 CIMCT. Tous droits réservés.\nContact presse. Écrivez-nous.",
     ["Fin du texte.", "© 2021 CIMCT. Tous droits réservés.", "Contact presse.",
      "Écrivez-nous."]),
    ("en", "The CIMCT (c) note. It ends.", ["The CIMCT (c) note.", "It ends."]),
])
def test_a_copyright_notice_is_one_unit_to_the_end_of_its_line(lang, text, expected):
    assert sentences(lang, text) == expected


def test_a_bad_no_break_pattern_is_a_clear_error():
    from l10n.errors import L10nError
    with pytest.raises(L10nError, match=r"no_break fr: '\(unclosed' is not a valid"):
        Segmenter.for_language("fr", no_break=["(unclosed"])


PIECES = st.sampled_from(["Le", "M.", "Dr", "U.S.", "etc.", "...", "…", ". . .", "?", "!",
                          "؟", "،", "قال", "د.", "1.", "2)", "«", "»", '"', "(", ")", "a.",
                          "I.", "p.", "12", "3,5", " ", "  ", "\n", "\u00a0", LRE, PDF, "x"])


@given(st.lists(PIECES, max_size=40), st.sampled_from(["fr", "ar", "en"]))
def test_spans_are_ordered_stripped_and_lose_no_byte(pieces, lang):
    text = " ".join(pieces)
    spans = Segmenter.for_language(lang).split(text)
    position = 0
    rebuilt = []
    for start, end in spans:
        assert position <= start < end <= len(text)
        assert not text[start].isspace() and not text[end - 1].isspace()
        assert not text[position:start].strip()  # only layout between sentences
        rebuilt += [text[position:start], text[start:end]]
        position = end
    assert not text[position:].strip()
    assert "".join(rebuilt) + text[position:] == text
