"""The glossary checks of `l10n check`: accepted forms, forbidden forms, short forms after a
first full mention, scopes, do-not-translate."""

from __future__ import annotations

import json

from support import translate_all, write

from l10n.catalog import pofile
from l10n.glossary import Glossary
from l10n.quality import checks as qa

GLOSSARY = Glossary.parse(
    "fr,en,ar,note,dnt,en_short,ar_short,en_forbidden,ar_forbidden,scope\n"
    "CIMCT,IMCTC,التحالف الإسلامي العسكري لمحاربة الإرهاب,the coalition,,the Coalition,التحالف,,,\n"
    "Malaisie,Malaysia,ماليزيا,,,,,State of Malaysia,دولة ماليزيا,\n"
    "États membres,member states,الدول الأعضاء,,,,,member countries,,\n"
    "Major-Général,Major General,لواء,the rank,,,,,,\n"
    "Major-Général,Maj. Gen.,اللواء الطيار الركن,the Secretary-General's rank,,,,"
    "Major General,لواء,Al-Moghidi|Secrétaire général\n"
    "NATO,NATO,,,yes,,,,,\n", "glossary.csv")


class Document:
    """One document's translation, checked unit after unit as `l10n check` does."""

    def __init__(self, target: str = "en") -> None:
        self.context = qa.Context("fr", target, GLOSSARY)

    def check(self, source: str, target: str) -> set[tuple[str, str, str]]:
        return {(f.check, f.severity, f.message) for f in qa.run(source, target, self.context, {})
                if f.check.startswith("glossary")}


def check(source: str, target: str, lang: str = "en") -> set[tuple[str, str, str]]:
    return Document(lang).check(source, target)


def test_an_accepted_form_is_enough():
    assert check("La Malaisie a signé.", "Malaysia signed.") == set()
    assert check("Les États membres ont signé.", "The member states' envoys signed.") == set()


def test_a_source_term_without_any_accepted_form_in_the_target():
    assert check("La Malaisie a signé.", "Malaisia signed.") == {
        ("glossary", "error", "glossary: «Malaisie» is «Malaysia» in en")}


def test_a_forbidden_form_is_reported_with_what_to_write():
    assert check("L'État de Malaisie a signé.", "The State of Malaysia signed.") == {
        ("glossary", "error", "glossary: «State of Malaysia» is not used in en (write «Malaysia»)")}
    assert check("Les États membres.", "The Member Countries.") == {
        ("glossary", "error", "glossary: «États membres» is «member states» in en"),
        ("glossary", "error", "glossary: «Member Countries» is not used in en "
                              "(write «member states»)")}
    assert check("La Malaisie a signé.", "وقعت دولة ماليزيا.", "ar") == {
        ("glossary", "error", "glossary: «دولة ماليزيا» is not used in ar (write «ماليزيا»)")}


def test_the_short_form_comes_after_a_first_full_mention_in_the_same_document():
    doc = Document("ar")
    assert doc.check("La CIMCT a reçu le ministre.",
                     "استقبل التحالف الإسلامي العسكري لمحاربة الإرهاب الوزير.") == set()
    assert doc.check("Le ministre a salué la CIMCT.", "وأشاد الوزير بالتحالف.") == set()
    assert doc.check("La CIMCT remercie le ministre.",
                     "ويشكر التحالف الإسلامي العسكري لمحاربة الإرهاب الوزير.") == {
        ("glossary-repeat", "warning", "«التحالف الإسلامي العسكري لمحاربة الإرهاب» again: "
                                       "after the first mention, «التحالف» is house style")}


def test_a_short_form_before_any_full_mention_is_an_error():
    assert Document("ar").check("La CIMCT a reçu le ministre.", "استقبل التحالف الوزير.") == {
        ("glossary", "error", "glossary: «CIMCT» is «التحالف الإسلامي العسكري لمحاربة الإرهاب» "
                              "in ar (its short form «التحالف» only after a first full mention)")}


def test_the_full_form_twice_in_one_unit_is_a_repeat_and_full_then_short_is_fine():
    twice = check("La CIMCT et les États membres de la CIMCT.",
                  "IMCTC and the member states of IMCTC.")
    assert {(c, s) for c, s, _ in twice} == {("glossary-repeat", "warning")}
    assert check("La CIMCT et les États membres de la CIMCT.",
                 "IMCTC and the member states of the Coalition.") == set()


def test_another_document_starts_afresh():
    first = Document("en")
    first.check("La CIMCT a reçu le ministre.", "IMCTC received the minister.")
    assert check("Le ministre a salué la CIMCT.", "The minister praised the Coalition.") == {
        ("glossary", "error", "glossary: «CIMCT» is «IMCTC» in en (its short form "
                              "«the Coalition» only after a first full mention)")}


def test_a_scoped_term_applies_only_where_its_scope_is_in_the_source():
    # the Secretary-General's title
    assert check("Le Major-Général Al-Moghidi a dit.", "Maj. Gen. Al-Moghedi said.") == set()
    assert check("Le Major-Général Al-Moghidi a dit.", "Major General Al-Moghedi said.") == {
        ("glossary", "error", "glossary: «Major-Général» is «Maj. Gen.» in en"),
        ("glossary", "error", "glossary: «Major General» is not used in en (write «Maj. Gen.»)")}
    assert check("Le Major-Général Al-Moghidi a dit.", "قال اللواء الطيار الركن المغيدي.",
                 "ar") == set()  # «لواء» is forbidden, but not inside the full title
    assert check("Le Major-Général Al-Moghidi a dit.", "قال اللواء المغيدي.", "ar") == {
        ("glossary", "error", "glossary: «Major-Général» is «اللواء الطيار الركن» in ar"),
        ("glossary", "error", "glossary: «لواء» is not used in ar (write «اللواء الطيار الركن»)")}
    # any other Major General
    assert check("Le Major-Général Dupont a dit.", "Major General Dupont said.") == set()
    assert check("Le Major-Général Dupont a dit.", "قال اللواء دوبون.", "ar") == set()
    assert check("Le Major-Général Dupont a dit.", "Maj. Gen. Dupont said.") == {
        ("glossary", "error", "glossary: «Major-Général» is «Major General» in en")}


def test_do_not_translate():
    assert check("L'NATO a dit.", "NATO said.") == set()
    assert check("L'NATO a dit.", "L'OTAN a dit.", "fr") == {
        ("glossary", "error", "«NATO» is not to be translated")}


def test_check_blocks_on_a_term_and_only_warns_on_a_repeat(workspace, run):
    (workspace / "l10n.toml").write_text('[languages]\nfr = ["en"]\n[check]\nrequired = ["en"]\n')
    write(workspace / "glossary.csv", "fr,en,en_short\nCIMCT,IMCTC,the Coalition\n")
    write(workspace / "sources/fr/a.txt", "Communiqué\n\nLa CIMCT a reçu le ministre.\n\n"
                                          "Le ministre a salué la CIMCT.\n")
    run("update", cwd=workspace)
    po = workspace / "translations/en/a.po"

    def translate(first: str, second: str) -> dict:
        catalog = pofile.read(po)
        title, one, two = catalog.entries
        title.msgstr, one.msgstr, two.msgstr = "Press release", first, second
        po.write_bytes(pofile.serialize(catalog))
        result = run("check", "--format", "json", cwd=workspace)
        [doc] = json.loads(result.out)["documents"]
        return {"code": result.code, "findings": {(f["check"], f["severity"], f["line"])
                                                  for f in doc["findings"]}}

    lines = [i + 1 for i, line in enumerate(po.read_text().splitlines())
             if line.startswith("msgstr") and i > 2]
    assert translate("IMCTC received the minister.", "The minister praised the Coalition.") \
        == {"code": 0, "findings": set()}
    assert translate("IMCTC received the minister.", "The minister praised IMCTC.") == {
        "code": 0, "findings": {("glossary-repeat", "warning", lines[2])}}
    assert translate("The Coalition received the minister.", "The minister praised IMCTC.") \
        == {"code": 1, "findings": {("glossary", "error", lines[1])}}


def test_a_headline_names_terms_in_full_and_is_no_first_mention(workspace, run):
    """A title, a page's title and description are read on their own: the running text
    names the coalition in full again, once, then by its short form."""
    (workspace / "l10n.toml").write_text('[languages]\nfr = ["ar"]\n[check]\nrequired = ["ar"]\n')
    write(workspace / "glossary.csv", "fr,ar,ar_short\nCIMCT,التحالف الإسلامي العسكري لمحاربة "
                                      "الإرهاب,التحالف\n")
    write(workspace / "sources/fr/a.html", "<html><head><title>La CIMCT | CIMCT</title></head>"
          "<body><h1>La CIMCT reçoit le ministre</h1><p>La CIMCT a reçu le ministre. "
          "Le ministre a salué la CIMCT.</p></body></html>")
    run("update", cwd=workspace)
    full = "التحالف الإسلامي العسكري لمحاربة الإرهاب"
    translate_all(workspace / "translations/ar/a.po", lambda entry: {
        "La CIMCT | CIMCT": f"{full} | {full}",
        "La CIMCT reçoit le ministre": f"{full} يستقبل الوزير",
        "La CIMCT a reçu le ministre.": f"استقبل {full} الوزير.",
        "Le ministre a salué la CIMCT.": "وأشاد الوزير بالتحالف."}[entry.msgid])
    result = run("check", "--format", "json", cwd=workspace)
    assert glossary_findings(result) == []
    translate_all(workspace / "translations/ar/a.po", lambda entry: entry.msgstr.replace(
        "بالتحالف", f"ب{full}"))
    result = run("check", "--format", "json", cwd=workspace)
    assert glossary_findings(result) == [("glossary-repeat", "Le ministre a salué la CIMCT.")]


def glossary_findings(result) -> list[tuple[str, str]]:
    return [(f["check"], f["msgid"]) for f in json.loads(result.out)["documents"][0]["findings"]
            if f["check"].startswith("glossary")]


def test_glossary_check_lists_repeats_as_warnings_without_failing(workspace, run):
    (workspace / "l10n.toml").write_text('[languages]\nfr = ["en"]\n')
    write(workspace / "glossary.csv", "fr,en,en_short\nCIMCT,IMCTC,the Coalition\n")
    write(workspace / "sources/fr/a.txt", "Communiqué\n\nLa CIMCT a reçu le ministre.\n\n"
                                          "Le ministre a salué la CIMCT.\n")
    run("update", cwd=workspace)
    po = workspace / "translations/en/a.po"
    catalog = pofile.read(po)
    catalog.entries[0].msgstr = "Press release"
    catalog.entries[1].msgstr = "IMCTC received the minister."
    catalog.entries[2].msgstr = "The minister praised IMCTC."
    po.write_bytes(pofile.serialize(catalog))
    line = pofile.read(po).entries[2].line
    result = run("glossary", "check", cwd=workspace)
    assert result.code == 0
    assert result.out.splitlines() == [
        f"translations/en/a.po:{line}: warning: «IMCTC» again: after the first mention, "
        "«the Coalition» is house style",
        "0 glossary disagreement(s), 1 warning(s)"]
