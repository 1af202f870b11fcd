"""SRX 2.0 segmentation rules, the format of OmegaT, Okapi and LanguageTool.

An SRX file holds named lists of rules (`languagerule`) and an ordered map from language
patterns to those lists. At every position of the text the first rule whose `beforebreak`
matches the text before and whose `afterbreak` matches the text after decides: break or
no break. Positions no rule matches do not break.

The patterns are Java regular expressions. The `regex` package, in its VERSION1 mode,
reads what `re` cannot: Unicode properties (\\p{Lu}), set operations ([\\p{L}&&[^a-z]]),
inline flags that apply to the end of their group as in Java (`((?i)jan|feb)`), and
look-behinds of any length. The few Java escapes it lacks (\\h, \\v, \\Q…\\E) are
rewritten first. A rule that still does not compile is left out and named in a warning.
"""

from __future__ import annotations

from dataclasses import dataclass
from xml.etree import ElementTree

import regex

from ..errors import L10nError

_HORIZONTAL_SPACE = r"[\t \xa0\u1680\u180e\u2000-\u200a\u202f\u205f\u3000]"
_VERTICAL_SPACE = r"[\n\x0b\f\r\x85\u2028\u2029]"


@dataclass(frozen=True)
class Rule:
    """One `<rule>`: `where` names it for messages ("languagerule 'French', rule 3")."""

    breaks: bool
    before: str
    after: str
    where: str


@dataclass(frozen=True)
class SrxFile:
    """The parsed content of an SRX file: its rule lists and language map."""

    name: str
    cascade: bool
    languagerules: dict[str, tuple[Rule, ...]]
    maps: tuple[tuple[str, str], ...]  # (languagepattern, languagerulename), in order
    uses_icu: bool  # Okapi's extension: ICU proposes the breaks, the rules are exceptions

    def rulenames(self, lang: str) -> tuple[list[str], list[str]]:
        """The rule lists that apply to `lang`, in order, and warnings.

        With `cascade="yes"` every matching map applies, otherwise only the first.
        Language codes are case-insensitive (BCP 47), so patterns are matched ignoring case.
        """
        names, warnings = [], []
        for pattern, name in self.maps:
            try:
                matched = regex.fullmatch(java_to_regex(pattern), lang,
                                          flags=regex.V1 | regex.IGNORECASE)
            except regex.error as exc:
                warnings.append(f"{self.name}: languagemap {pattern!r} skipped: it does not "
                                f"compile ({exc})")
                continue
            if matched:
                if name not in self.languagerules:
                    warnings.append(f"{self.name}: languagemap {pattern!r} names a missing "
                                    f"languagerule {name!r}")
                elif name not in names:
                    names.append(name)
                if not self.cascade:
                    break
        return names, warnings

    def engine(self, lang: str) -> tuple[SrxRules | None, list[str]]:
        """The compiled rules for `lang` (None if no map applies) and warnings."""
        names, warnings = self.rulenames(lang)
        if self.uses_icu:
            warnings.append(f"{self.name}: useIcu4jBreakRules is an Okapi extension l10n "
                            f"does not have; only the file's own rules apply, so it splits "
                            f"less than Okapi does")
        if not names:
            return None, warnings
        compiled: list[tuple[bool, str]] = []
        for name in names:
            for rule in self.languagerules[name]:
                pattern = f"(?=(?:{java_to_regex(rule.after)}))" \
                          f"(?<=(?:{java_to_regex(rule.before)}))"
                try:
                    regex.compile(pattern, regex.V1)
                except regex.error as exc:
                    warnings.append(f"{self.name}: {rule.where} (break=\"{'yes' if rule.breaks else 'no'}\") "
                                    f"skipped: it does not compile ({exc}); beforebreak "
                                    f"{rule.before!r}, afterbreak {rule.after!r}")
                    continue
                compiled.append((rule.breaks, pattern))
        return SrxRules.compile(compiled), warnings


@dataclass(frozen=True)
class SrxRules:
    """Compiled rules for one language: an engine for `Segmenter`."""

    candidates: regex.Pattern | None  # positions where some break rule applies
    groups: tuple[tuple[bool, regex.Pattern], ...]  # runs of rules of one kind, in order

    @classmethod
    def compile(cls, rules: list[tuple[bool, str]]) -> SrxRules:
        """Rules in order; consecutive rules of the same kind become one alternation,
        since the first of them that matches decides the same way as any other."""
        groups: list[tuple[bool, list[str]]] = []
        for breaks, pattern in rules:
            if groups and groups[-1][0] == breaks:
                groups[-1][1].append(pattern)
            else:
                groups.append((breaks, [pattern]))
        breaking = [p for breaks, p in rules if breaks]
        return cls(_alternation(breaking) if breaking else None,
                   tuple((breaks, _alternation(patterns)) for breaks, patterns in groups))

    def breaks(self, text: str) -> list[int]:
        if self.candidates is None:
            return []
        found = []
        for candidate in self.candidates.finditer(text, 1, len(text)):
            at = candidate.start()
            if at >= len(text):
                break
            for breaks, pattern in self.groups:
                if pattern.match(text, at):
                    if breaks:
                        found.append(at)
                    break
        return found


def _alternation(patterns: list[str]) -> regex.Pattern:
    return regex.compile("|".join(patterns), regex.V1)


def parse(data: bytes, *, name: str) -> SrxFile:
    """Read an SRX file's content; `name` is how messages refer to it."""
    try:
        root = ElementTree.fromstring(data)
    except ElementTree.ParseError as exc:
        raise L10nError(f"not a valid XML file: {exc}", path=name,
                        line=exc.position[0]) from None
    if _local(root.tag) != "srx":
        raise L10nError(f"not an SRX file (its root element is <{_local(root.tag)}>)",
                        path=name)
    header = root.find("{*}header")
    cascade = header is not None and header.get("cascade", "no").lower() == "yes"
    options = header.find("{*}options") if header is not None else None
    uses_icu = options is not None and any(
        _local(k).lower() == "useicu4jbreakrules" and v.lower() == "yes"
        for k, v in options.attrib.items())
    languagerules: dict[str, tuple[Rule, ...]] = {}
    for element in root.iterfind(".//{*}languagerule"):
        rulename = element.get("languagerulename", "")
        languagerules[rulename] = tuple(
            Rule(breaks=rule.get("break", "yes").lower() != "no",
                 before=_text(rule.find("{*}beforebreak")),
                 after=_text(rule.find("{*}afterbreak")),
                 where=f"languagerule {rulename!r}, rule {number}")
            for number, rule in enumerate(element.findall("{*}rule"), 1))
    maps = tuple((m.get("languagepattern", ""), m.get("languagerulename", ""))
                 for m in root.iterfind(".//{*}languagemap"))
    return SrxFile(name, cascade, languagerules, maps, uses_icu)


def java_to_regex(pattern: str) -> str:
    r"""Rewrite the Java escapes `regex` lacks: \h, \v and \Q…\E.

    >>> java_to_regex(r"\Qe.g.\E\h")
    'e\\.g\\.[\\t \\xa0\\u1680\\u180e\\u2000-\\u200a\\u202f\\u205f\\u3000]'
    """
    if "\\" not in pattern:
        return pattern
    out = []
    i = 0
    while i < len(pattern):
        char = pattern[i]
        if char != "\\" or i + 1 == len(pattern):
            out.append(char)
            i += 1
            continue
        escaped = pattern[i + 1]
        if escaped == "Q":
            close = pattern.find("\\E", i + 2)
            close = len(pattern) if close < 0 else close
            out.append(regex.escape(pattern[i + 2:close]))
            i = close + 2
            continue
        out.append({"h": _HORIZONTAL_SPACE, "v": _VERTICAL_SPACE}.get(escaped,
                                                                        pattern[i:i + 2]))
        i += 2
    return "".join(out)


def _text(element: ElementTree.Element | None) -> str:
    return (element.text or "") if element is not None else ""


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]
