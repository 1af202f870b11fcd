"""The built-in sentence-break rules for French, Arabic and English.

One regular expression finds every place where a sentence may end: terminal punctuation,
closing quotes or brackets, then whitespace. Most of those are decided by the next
character alone (a lower-case letter or a comma continues the sentence); the rest, a full
stop after an abbreviation, an initial, a number or a list marker, or an ellipsis, look
at the word before and the word after. No loop runs over characters: the per-break work
is a few dictionary look-ups, so the rules segment several megabytes a second.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from .languages import Language

# Directional marks, embeddings and isolates: invisible, they never change a decision.
_BIDI = "\u200e\u200f\u061c\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
_NO_BIDI = dict.fromkeys(map(ord, _BIDI))  # str.translate table deleting them
_TERMINALS = ".!?…؟‼⁇⁈⁉"
_OPENERS = "\"'“‘«‹([{¿¡"
# Closing marks that never open a sentence: after a sentence end they belong to it, spaces
# before them included (French writes » and ” after a no-break or narrow no-break space).
# Straight quotes may open the next sentence, so they close it when written right after
# the mark, or after a space when the sentence holds an odd number of them.
_CLOSING = "”’»›)]}"
_CLOSERS = "\"'" + _CLOSING
_SPACES = " \u00a0\u202f\u2009"

# A place where a sentence may end: terminal marks (spaced ones, ". . ." or "? ? ?", too;
# bidi controls allowed between them), closing quotes or brackets and a full stop after
# them ("geek ! »." ends after the full stop), then whitespace. It begins with a terminal
# mark, so the search for candidates skips ahead to the next one (a leading optional
# group made it try the whole pattern at every character).
_CANDIDATE = re.compile(
    rf"[{_TERMINALS}](?:[{_TERMINALS}]|(?<=[.!?])[ ](?=[.!?]))*"
    rf"(?:[{_BIDI}]+[{_TERMINALS}]+)*"
    rf"(?P<close>(?:[{_BIDI}]|[{_SPACES}]*[{re.escape(_CLOSING)}]|[\"'])*)"
    rf"(?:(?<=[{re.escape(_CLOSERS)}])[.…]+[{re.escape(_CLOSERS)}]*)?"
    r"(?=\s)")
# A straight double quote after a space, then whitespace: it may close the sentence.
_SPACED_QUOTE = re.compile(rf'[{_SPACES}]+"(?=\s|\Z)')
# What follows a candidate: whitespace, opening quotes, brackets or a dialogue dash, then
# the next token.
_AFTER = re.compile(rf"\s+(?P<open>[{re.escape(_OPENERS)}{_BIDI}\s—–-]*)(?P<word>\S*)")
_PREVIOUS = re.compile(r"(\S+)\s+\Z")
_LEADING_WORD = re.compile(r"[^\W\d_]+['’]?")  # "Les", "L’" of "L’exploitation"
# "U.S", "e.g", "a.m", "Ph.D", "LL.AA.II.RR": letters joined by full stops.
_ACRONYM = re.compile(r"(?:[^\W\d_]{1,2}\.)+[^\W\d_]{1,2}")
# A sentence so far that is only a list number, letter or roman numeral: "1.", "b.", "IV."
_MARKER = re.compile(
    rf"[\s{_BIDI}]*(?:[•⁃*–-]\s*)?(?:\d{{1,3}}|[^\W\d_]|[IVXLC]{{1,6}}|[ivxlc]{{1,6}})")
# Items of an inline list: "1.) The first item 2.) The second item", "a. … b. …".
_LIST_ITEM = re.compile(
    r"(?:^|(?<=\s))(?P<bullet>[•⁃]\s*)?(?P<n>\d{1,2}|[a-z])(?P<style>\.\)|\)|\.)(?=\s)")
_CONTINUATION = frozenset(",;:،؛." + _CLOSING)  # a sentence never starts with these


@dataclass(frozen=True)
class Rules:
    """The built-in rules for one language."""

    language: Language

    def breaks(self, text: str) -> list[int]:
        """Positions in `text` where one sentence ends and the next begins, in order."""
        forced = _list_breaks(text)
        found: list[int] = []
        start = 0  # where the current sentence begins
        pending = iter(forced)
        next_forced = next(pending, None)
        quotes = '"' in text
        for match in _CANDIDATE.finditer(text):
            while next_forced is not None and next_forced <= match.start():
                start, next_forced = next_forced, next(pending, None)
            end = match.end()
            if quotes:
                quote = _SPACED_QUOTE.match(text, end)
                if quote and text.count('"', start, end) % 2:
                    end = quote.end()  # 'Il a dit " on verra. "' : the quote closes
            after = _AFTER.match(text, end)
            if after is None or not after.group("word"):
                continue  # only whitespace follows
            at = self._decide(text, match, end, after.group("word"), start)
            if at is not None:
                found.append(at)
                start = at
        return sorted({*found, *forced}) if forced else found

    def _decide(self, text: str, match: re.Match, end: int, following: str,
                start: int) -> int | None:
        """Where the sentence ends at this candidate (at `end` or before), or None if it
        goes on."""
        first = following[0]
        if first.islower() or first in _CONTINUATION:
            return None
        mark_start = match.start()
        marks = text[mark_start:match.start("close")].translate(_NO_BIDI)
        if marks == ".":
            return self._after_full_stop(text, mark_start, end, following, start)
        if "…" in marks or marks.count(".") > 1:
            return _after_ellipsis(text, mark_start, end, marks, match.group("close"))
        return end  # ? ! ؟, their doubles, spaced or not

    def _after_full_stop(self, text: str, mark: int, end: int, following: str,
                         start: int) -> int | None:
        token = text[max(0, mark - 64):mark].rsplit(None, 1)[-1:]
        if not token or text[mark - 1].isspace():
            return end  # a full stop after a space
        token_start = mark - len(token[0])
        if mark - start <= 12 and _MARKER.fullmatch(text, start, mark):
            return None  # "1. The first item", "IV. Conclusions"
        word = token[0].translate(_NO_BIDI).lstrip(_OPENERS).rstrip(_CLOSERS)
        if not word or word[-1].isdigit() or "/" in word or "@" in word:
            return end  # a number, a date, a URL or an e-mail address ends the sentence
        language = self.language
        key = word.lower().rsplit("'", 1)[-1].rsplit("’", 1)[-1]  # "art" of "l'art"
        if key in language.never or (key in language.numbered and following[0].isdigit()):
            return None
        if key in language.letters:
            return end if _previous_is(text, token_start, language.letters.__contains__) \
                else None
        if len(word) == 1 and word.isalpha():
            if word.isupper():  # an initial ("E. Macron"), or a letter ending a sentence
                after_lower = _previous_is(text, token_start, _uncapitalized)
                if after_lower and (word == "I" and language.pronoun_i  # "you and I. Did"
                                    or self._starts_sentence(following)):  # "A to B. Les"
                    return end
                return None
            if not word.islower():  # an Arabic letter: د. (doctor), unless an era: 2020 م.
                return end if _previous_is(text, token_start, str.isdigit) else None
        elif word in language.final or key in language.final:
            return end if _capitalized(following) else None
        elif not (key in language.abbreviations or key in language.numbered
                  or _ACRONYM.fullmatch(word)):
            return end  # an ordinary word
        return end if self._starts_sentence(following) else None

    def _starts_sentence(self, word: str) -> bool:
        """Whether `word`, after an abbreviation, more likely begins a new sentence:
        a capitalized sentence starter ("It", "Les"), or a word of a script without case."""
        if word[0].isupper():
            lead = _LEADING_WORD.match(word)
            return lead is not None and \
                lead.group().lower().replace("’", "'") in self.language.starters
        return word[0].isalpha()


def _after_ellipsis(text: str, mark: int, end: int, marks: str, close: str) -> int | None:
    if text[mark - 1:mark] in ("[", "(") and close[:1] in ("]", ")"):
        return None  # "[...]" marks words left out of a quotation
    if " " not in marks or marks.strip(". "):
        return end
    # A spaced ellipsis: ". . ." alone is a pause; after a word's own full stop
    # ("compounds. . . . The") it begins the next sentence; ". . . ." ends one.
    if mark > 0 and not text[mark - 1].isspace():
        return mark + 1
    return end if marks.count(".") >= 4 else None


def _previous_is(text: str, pos: int, test: Callable[[str], bool]) -> bool:
    """Whether the word before `pos` passes `test`."""
    previous = _PREVIOUS.search(text, max(0, pos - 64), pos)
    return previous is not None and test(previous.group(1))


def _uncapitalized(word: str) -> bool:
    return not word[0].isupper()


def _capitalized(word: str) -> bool:
    """A capital, or a letter of a script without case (Arabic)."""
    return word[0].isalpha() and not word[0].islower()


def _list_breaks(text: str) -> list[int]:
    """Breaks before the items of an inline list that starts the text, numbered in order."""
    first = _LIST_ITEM.match(text, len(text) - len(text.lstrip()))
    if first is None:
        return []
    breaks = []
    previous = first
    for item in _LIST_ITEM.finditer(text, first.end()):
        if item.group("style") == previous.group("style") and \
                bool(item.group("bullet")) == bool(previous.group("bullet")) and \
                _follows(previous.group("n"), item.group("n")):
            breaks.append(item.start())
            previous = item
    return breaks


def _follows(previous: str, current: str) -> bool:
    if previous.isdigit():
        return current.isdigit() and int(current) == int(previous) + 1
    return not current.isdigit() and ord(current) == ord(previous) + 1
