"""SRX 2.0 rule files: language maps, cascading, Java regular expressions, and rules that
cannot be compiled, which are named in warnings, never dropped silently."""

from __future__ import annotations

import re

import pytest
from support import require_corpora, write

from l10n.errors import L10nError
from l10n.segmentation import Segmenter, srx

SRX = """<?xml version="1.0" encoding="UTF-8"?>
<srx xmlns="http://www.lisa.org/srx20" version="2.0">
<header segmentsubflows="yes" cascade="{cascade}"/>
<body>
<languagerules>
<languagerule languagerulename="French">
<rule break="no"><beforebreak>\\b((?i)janv|févr)\\.</beforebreak><afterbreak>\\h+\\d</afterbreak></rule>
<rule break="no"><beforebreak>\\QS.E.\\E</beforebreak><afterbreak>\\s</afterbreak></rule>
{extra}
</languagerule>
<languagerule languagerulename="Arabic">
<rule break="yes"><beforebreak>[.؟!]</beforebreak><afterbreak>\\s+\\p{{Arabic}}</afterbreak></rule>
</languagerule>
<languagerule languagerulename="Default">
<rule break="no"><beforebreak>\\b(Mr|Dr)\\.</beforebreak><afterbreak>\\s</afterbreak></rule>
<rule break="yes"><beforebreak>[\\.\\?!]+[\\p{{Pe}}\\p{{Pf}}"]*</beforebreak><afterbreak>\\s+[\\p{{Lu}}&amp;&amp;[^X]]</afterbreak></rule>
</languagerule>
</languagerules>
<maprules>
<languagemap languagepattern="FR.*" languagerulename="French"/>
<languagemap languagepattern="(AR|ar).*" languagerulename="Arabic"/>
<languagemap languagepattern=".*" languagerulename="Default"/>
</maprules>
</body>
</srx>
"""


def rules(*, cascade: str = "yes", extra: str = "") -> bytes:
    return SRX.format(cascade=cascade, extra=extra).encode("utf-8")


def split(segmenter: Segmenter, text: str) -> list[str]:
    return [text[a:b] for a, b in segmenter.split(text)]


@pytest.mark.parametrize(("lang", "names"), [
    ("fr", ["French", "Default"]), ("fr-FR", ["French", "Default"]),
    ("ar", ["Arabic", "Default"]), ("ar-EG", ["Arabic", "Default"]),
    ("en-US", ["Default"])])
def test_languages_resolve_through_the_map_with_cascading(lang, names):
    parsed = srx.parse(rules(), name="x.srx")
    assert parsed.rulenames(lang) == (names, [])
    assert srx.parse(rules(cascade="no"), name="x.srx").rulenames(lang) == (names[:1], [])


def test_java_syntax_scoped_flags_set_operations_and_quoting(tmp_path):
    path = write(tmp_path / "rules.srx", rules())
    french = Segmenter.for_language("fr", srx=path)
    assert french.warnings == ()
    text = "Le 3 JANV. 2021, S.E. Dupont et Mr. Lee sont venus. Ils sont partis. Xavier aussi."
    assert split(french, text) == [
        "Le 3 JANV. 2021, S.E. Dupont et Mr. Lee sont venus.",
        "Ils sont partis. Xavier aussi."]  # [\p{Lu}&&[^X]]: not before X


def test_a_rule_that_does_not_compile_is_named_and_the_others_still_apply(tmp_path):
    bad = '<rule break="no"><beforebreak>(unclosed</beforebreak><afterbreak></afterbreak></rule>'
    path = write(tmp_path / "rules.srx", rules(extra=bad))
    french = Segmenter.for_language("fr", srx=path)
    assert len(french.warnings) == 1
    assert "languagerule 'French', rule 3" in french.warnings[0]
    assert "'(unclosed'" in french.warnings[0] and "does not compile" in french.warnings[0]
    assert split(french, "Il est venu. Il est parti.") == ["Il est venu.", "Il est parti."]


def test_a_language_no_map_covers_keeps_the_built_in_rules_and_says_so(tmp_path):
    path = write(tmp_path / "rules.srx", rules(cascade="no").replace(
        b'<languagemap languagepattern=".*" languagerulename="Default"/>', b""))
    english = Segmenter.for_language("en", srx=path)
    assert "no languagemap applies to 'en'" in english.warnings[0]
    assert split(english, "Dr. Lee came. He left.") == ["Dr. Lee came.", "He left."]


def test_the_okapi_icu_extension_is_reported(tmp_path):
    path = write(tmp_path / "rules.srx", rules().replace(
        b'<header segmentsubflows="yes" cascade="yes"/>',
        b'<header cascade="yes"><okpsrx:options xmlns:okpsrx="http://okapi.sf.net/srx-extensions"'
        b' useIcu4jBreakRules="yes"/></header>'))
    assert any("useIcu4jBreakRules" in w for w in Segmenter.for_language("fr", srx=path).warnings)


def test_a_broken_or_foreign_file_is_a_clear_error(tmp_path):
    broken = write(tmp_path / "broken.srx", "<srx>\n<header>\n</srx>")
    with pytest.raises(L10nError, match=r"broken\.srx:3: not a valid XML file"):
        Segmenter.for_language("fr", srx=broken)
    foreign = write(tmp_path / "foreign.srx", "<tmx/>")
    with pytest.raises(L10nError, match=r"not an SRX file \(its root element is <tmx>\)"):
        Segmenter.for_language("fr", srx=foreign)
    with pytest.raises(L10nError, match="cannot read the SRX file"):
        Segmenter.for_language("fr", srx=tmp_path / "missing.srx")


def test_okapi_default_rules_load_whole_and_split_at_full_stops():
    path = require_corpora() / "srx" / "okapi_defaultSegmentation.srx"
    parsed = srx.parse(path.read_bytes(), name=path.name)
    every = [rule for rules in parsed.languagerules.values() for rule in rules]
    rejected = [rule for rule in every
                if not (_compiles_with_re(rule.before) and _compiles_with_re(rule.after))]
    # Why the regex package: `re` rejects half of them, the only rule breaking after .?!
    # among them; here every rule applies.
    assert (len(rejected), len(every)) == (5, 10)
    assert [r.where for r in rejected if r.breaks] == ["languagerule 'Default', rule 6"]
    english = Segmenter.for_language("en", srx=path)
    assert english.warnings == ()
    text = ("Mr. Holmes is from the U.K. not the U.S. Is Dr. Watson from there too? "
            "Yes: both are. On Nov. 3rd and in Dec. 1934. And here.")
    assert split(english, text) == [
        "Mr. Holmes is from the U.K. not the U.S.", "Is Dr. Watson from there too?",
        "Yes: both are.", "On Nov. 3rd and in Dec. 1934.", "And here."]
    french = Segmenter.for_language("fr", srx=path)
    assert split(french, "Le ministre est venu. Il est reparti.") == [
        "Le ministre est venu.", "Il est reparti."]


@pytest.mark.parametrize("name", ["languagetool_segment.srx", "omegat_defaultRules.srx",
                                  "okapi_default_icu4j.srx"])
def test_big_rule_files_compile_every_rule(name):
    path = require_corpora() / "srx" / name
    for lang in ("fr", "ar", "en"):
        warnings = Segmenter.for_language(lang, srx=path).warnings
        assert [w for w in warnings if "useIcu4jBreakRules" not in w] == []


def _compiles_with_re(pattern: str) -> bool:
    try:
        re.compile(pattern)
    except re.error:
        return False
    return True
