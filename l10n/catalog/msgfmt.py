"""gettext's verdict on a PO file (`msgfmt --check`), computed in process.

msgfmt exits 1 only on errors and reports everything on stderr as `FILE:LINE: message`;
lines with "warning:" do not block publication. The same checks run here on the catalog
already read, as msgfmt 0.21 does them (msgl-check.c, format-c.c, format-python.c): header
fields, Plural-Forms (nplurals, the expression evaluated for n = 0..1000, the number of
msgstr[n]), a `\\n` at the start and end of msgid and msgstr, and C and Python format
strings, on the translated entries that are not fuzzy. A file outside that (another
format flag, a `range:` flag, no header, another charset, a file written unlike gettext
writes it: see `Unsupported`) goes to msgfmt itself. Duplicates and syntax errors never
get here: the reader refuses them.
"""

from __future__ import annotations

import functools
import operator
import os
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from .model import Catalog, Entry

_LINE = re.compile(r"^(?P<file>.*?):(?P<line>\d+):(?:\d+:)? (?P<message>.*)$")
_FIELDS = (("Project-Id-Version", "PACKAGE VERSION"),
           ("PO-Revision-Date", "YEAR-MO-DA HO:MI+ZONE"),
           ("Last-Translator", "FULL NAME <EMAIL@ADDRESS>"),
           ("Language-Team", "LANGUAGE <LL@li.org>"), ("MIME-Version", None),
           ("Content-Type", "text/plain; charset=CHARSET"),
           ("Content-Transfer-Encoding", "ENCODING"), ("Language", ""))
_CHARSET = re.compile(r"charset=([^ \t\n;]+)")
_FORMAT = re.compile(r"(no-|impossible-|possible-)?(.+)-format")
_PRETTY = {"c": "C", "python": "Python"}
_HELP_CODES = {"ja", "vi", "ko", "en", "de", "nl", "sv", "da", "no", "nb", "nn", "fo", "es",
               "pt", "it", "bg", "el", "fi", "et", "he", "eo", "hu", "tr", "pt_BR", "fr", "lv",
               "ga", "ro", "lt", "ru", "uk", "be", "sr", "hr", "cs", "sk", "pl", "sl"}
_HELP_NAMES = ("Japanese", "Vietnamese", "Korean", "English", "German", "Dutch", "Swedish",
               "Danish", "Norwegian", "Faroese", "Spanish", "Portuguese", "Italian",
               "Bulgarian", "Greek", "Finnish", "Estonian", "Hebrew", "Esperanto", "Hungarian",
               "Turkish", "Brazilian", "French", "Latvian", "Irish", "Romanian", "Lithuanian",
               "Russian", "Ukrainian", "Belarusian", "Serbian", "Croatian", "Czech", "Slovak",
               "Polish", "Slovenian")  # gettext 0.21's plural-table.c
_ULONG = (1 << 64) - 1


@dataclass(frozen=True)
class Diagnostic:
    line: int | None  # None: the whole file
    severity: str  # "error" or "warning"
    message: str


class Unsupported(Exception):
    """This file needs msgfmt itself; the message says why."""


class Msgfmt:
    """msgfmt's verdict: in process, or from the program for the files that need it."""

    def __init__(self, program: str | None = None) -> None:
        self.program = program or shutil.which("msgfmt")
        self.skipped: list[Path] = []  # files that needed msgfmt, which is not installed

    def check(self, po: Path, catalog: Catalog) -> list[Diagnostic]:
        """What msgfmt reports; a file that needs msgfmt while it is missing was not
        checked, which is an error of its own (so it cannot pass unchecked)."""
        try:
            return verdict(catalog)
        except Unsupported as why:
            if self.program is None:
                self.skipped.append(po)
                return [Diagnostic(None, "error", f"not checked: this file needs gettext's "
                                   f"msgfmt ({why}), which is not installed; install gettext")]
            return self.run(po)

    def run(self, po: Path) -> list[Diagnostic]:
        """What msgfmt itself reports."""
        proc = subprocess.run([self.program, "--check", "-o", os.devnull, str(po)],
                              capture_output=True, text=True, errors="replace",
                              env={**os.environ, "LC_ALL": "C"})
        found = []
        for raw in proc.stderr.splitlines():
            match = _LINE.match(raw)
            if not match or match.group("message").startswith("found "):
                continue
            message = match.group("message")
            severity = "warning" if message.startswith("warning:") else "error"
            found.append(Diagnostic(int(match.group("line")), severity,
                                    message.removeprefix("warning: ")))
        if proc.returncode != 0 and not any(d.severity == "error" for d in found):
            found.append(Diagnostic(1, "error", proc.stderr.strip().splitlines()[-1]
                                    if proc.stderr.strip() else "msgfmt failed"))
        return found


def verdict(catalog: Catalog) -> list[Diagnostic]:
    """What `msgfmt --check` reports on the file `catalog` was read from, in its order:
    Plural-Forms first, then each entry (the header's fields where the header is)."""
    if catalog.irregular:
        raise Unsupported(catalog.irregular)
    header = "".join(f"{k}: {v}\n" for k, v in catalog.header.items())
    at = catalog.header_line
    if at is None or not header:
        raise Unsupported("no header entry, or an empty one")
    charset = _CHARSET.search(catalog.header.get("Content-Type", ""))
    if charset is None or charset.group(1).upper() not in ("UTF-8", "UTF8"):
        raise Unsupported("a charset other than UTF-8")
    checked = []
    for entry in catalog.entries:
        fuzzy, formats = _flags(entry)
        strings = entry.translations
        if strings[0] and not fuzzy:
            if any("\x00" in s or "\x04" in s for s in [entry.msgid, *strings]):
                raise Unsupported("a NUL or EOT character in a string")
            if entry.msgid_plural is not None and \
                    sorted(entry.msgstr_plural) != list(range(len(entry.msgstr_plural))):
                raise Unsupported("msgstr[n] not numbered 0, 1, 2...")
            checked.append((entry, formats))
    found, often = _plural(header, at, [e for e, _ in checked])
    fields = _header_fields(header, at)
    for entry, formats in checked:
        if fields and entry.line > at:
            found += fields
            fields = []
        if entry.msgid:
            found += [(d, False) for d in _newlines(entry) + _formats(entry, formats, often)]
    return _one_per_line(found + fields)


def _one_per_line(found: list[tuple[Diagnostic, bool]]) -> list[Diagnostic]:
    """msgfmt sets error_one_per_line: a one-line message at the line of the one-line
    message before it is not printed (messages of several lines always are)."""
    shown, last = [], None
    for diagnostic, multiline in found:
        if multiline or diagnostic.line != last:
            shown.append(diagnostic)
        if not multiline:
            last = diagnostic.line
    return shown


def _helped(header: str) -> bool:
    """Whether msgfmt adds a suggested Plural-Forms to its message (several lines then):
    it does for the languages of its table, found by `Language:` or `Language-Team:`."""
    code = header.find("Language: ")
    if code >= 0 and re.match(r"[^ \t\n]*", header[code + 10:]).group() in _HELP_CODES:
        return True
    team = header.find("Language-Team: ")
    return team >= 0 and header.startswith(_HELP_NAMES, team + 15)


def _flags(entry: Entry) -> tuple[bool, list[str]]:
    """Whether gettext sees the entry fuzzy, and the languages of its format flags that
    it checks ("yes" or "possible")."""
    fuzzy, formats = False, []
    for flag in entry.flags:
        for token in flag.split():
            found = _FORMAT.fullmatch(token)
            if token == "fuzzy":
                fuzzy = True
            elif token.startswith("range:"):
                raise Unsupported("a range: flag")
            elif found and found.group(1) not in ("no-", "impossible-"):
                if found.group(2) not in _PRETTY:
                    raise Unsupported(f"a {token} flag")
                formats.append(found.group(2))
    return fuzzy, [name for name in _PRETTY if name in formats]


def _header_fields(header: str, at: int) -> list[tuple[Diagnostic, bool]]:
    found = []
    lines = header.split("\n")
    for name, default in _FIELDS:
        line = next((f for f in lines if f.startswith(name + ":")), None)
        if line is None:
            found.append(Diagnostic(at, "warning", f"header field '{name}' missing in header"))
        elif default is not None and line[len(name) + 1:].removeprefix(" ") == default:
            found.append(Diagnostic(
                at, "warning", f"header field '{name}' still has the initial default value"))
    return [(d, True) for d in found]


def _newlines(entry: Entry) -> list[Diagnostic]:
    """All or none of msgid, msgid_plural and the msgstr begin (then end) with `\\n`."""
    found = []
    msgid = entry.msgid
    others = [("msgid_plural", entry.msgid_plural)] if entry.msgid_plural is not None else []
    if entry.msgid_plural is None:
        others.append(("msgstr", entry.msgstr))
    else:
        others += [(f"msgstr[{n}]", s) for n, s in sorted(entry.msgstr_plural.items())]
    for where, test in (("begin", lambda s: s[:1] == "\n"), ("end", lambda s: s[-1:] == "\n")):
        for name, value in others:
            if test(value) != test(msgid):
                found.append(Diagnostic(entry.line, "error", f"'msgid' and '{name}' entries "
                                        f"do not both {where} with '\\n'"))
    return found


# -- Plural-Forms -------------------------------------------------------------------------

def _plural(header: str, at: int, checked: list[Entry]
            ) -> tuple[list[tuple[Diagnostic, bool]], list | None]:
    """msgfmt's check of Plural-Forms (each message with whether it has several lines),
    and for each form whether the expression gives it for many n (None: unknown), which
    decides how strictly format strings compare."""
    plurals = [e for e in checked if e.msgid_plural is not None]
    plural_at, nplurals_at = header.find("plural="), header.find("nplurals=")
    helped = _helped(header)
    if plural_at < 0 or nplurals_at < 0:
        found = []
        for missing, what in ((plural_at, '"plural=EXPRESSION"'),
                              (nplurals_at, '"nplurals=INTEGER"')):
            if missing < 0 and plurals:
                found += [(Diagnostic(plurals[0].line, "error",
                                      "message catalog has plural form translations..."), False),
                          (Diagnostic(at, "error",
                                      f"...but header entry lacks a {what} attribute"), helped)]
        return found, (None if found else [False, True])  # (n != 1) by default
    problems, often, nplurals = _expression(header[nplurals_at + 9:], header[plural_at + 7:])
    if problems:
        return [(Diagnostic(at, "error", problem), helped and problem.startswith("invalid"))
                for problem in problems], None
    forms = [len(e.msgstr_plural) for e in plurals]
    for count, wrong, have in ((min(forms, default=nplurals), nplurals.__gt__, "only "),
                               (max(forms, default=nplurals), nplurals.__lt__, "")):
        if wrong(count):
            which = plurals[forms.index(count)]
            have += "one plural form" if count == 1 else f"{count} plural forms"
            return [(Diagnostic(at, "error", f"nplurals = {nplurals}..."), False),
                    (Diagnostic(which.line, "error", f"...but some messages have {have}"),
                     False)], None
    return [], often


@functools.lru_cache(maxsize=32)
def _expression(nplurals_text: str, plural_text: str) -> tuple[list[str], list | None, int]:
    """The errors msgfmt finds in nplurals= and plural= (the text after each), for each
    form whether it is given for many n, and nplurals. The same Plural-Forms comes back
    in every file of a language: it is evaluated once."""
    number = re.match(r"[ \t\n\v\f\r]*([0-9]*)", nplurals_text).group(1)
    nplurals = min(int(number), _ULONG) if number else 0
    problems = [] if number else ["invalid nplurals value"]
    try:
        expression = _Expression(plural_text)
    except (ValueError, RecursionError):
        problems.append("invalid plural expression")
    if problems:
        return problems, None, nplurals
    counts: dict[int, int] = {}
    try:
        for n in range(1001):
            value = expression.value(n)
            if value >= 1 << 63:
                return ["plural expression can produce negative values"], None, nplurals
            if value >= nplurals:
                return [f"nplurals = {nplurals} but plural expression can produce values as "
                        f"large as {value}"], None, nplurals
            counts[value] = counts.get(value, 0) + 1
    except ZeroDivisionError:
        return ["plural expression can produce division by zero"], None, nplurals
    except RecursionError:
        raise Unsupported("a plural expression nested too deeply") from None
    return [], [counts.get(j, 0) >= 5 for j in range(nplurals)] if nplurals <= 100 else None, \
        nplurals


class _Expression:
    """A plural expression as gettext parses it (C operators, unsigned long arithmetic,
    `;` or a line break ending it) and evaluates it."""

    _BINARY = {"||": 1, "&&": 2, "==": 3, "!=": 3, "<": 4, ">": 4, "<=": 4, ">=": 4,
               "+": 5, "-": 5, "*": 6, "/": 6, "%": 6}
    _TOKEN = re.compile(
        r"[ \t]*(?:([0-9]+)|(==|!=|<=|>=|&&|\|\||[-+*/%<>!?:()n])|([;\n]|$)|(.))", re.DOTALL)

    def __init__(self, text: str) -> None:
        self.tokens: list[str | int] = []
        for number, symbol, end, junk in self._TOKEN.findall(text):
            if junk:
                raise ValueError(junk)
            if end or not (number or symbol):
                break
            self.tokens.append(int(number) & _ULONG if number else symbol)
        self.tokens.append("end")
        self.position = 0
        self.tree = self._parse(0)
        if self.tokens[self.position] != "end":
            raise ValueError("trailing tokens")

    def _next(self) -> str | int:
        token = self.tokens[self.position]
        self.position += 1
        return token

    def _parse(self, lowest: int):
        left = self._operand()
        while True:
            token = self.tokens[self.position]
            if token == "?" and lowest == 0:
                self.position += 1
                middle = self._parse(0)
                if self._next() != ":":
                    raise ValueError("? without :")
                left = ("?", left, middle, self._parse(0))
            elif isinstance(token, str) and self._BINARY.get(token, 0) > lowest:
                self.position += 1
                left = (token, left, self._parse(self._BINARY[token]))
            else:
                return left

    def _operand(self):
        token = self._next()
        if token == "!":
            return ("!", self._operand())
        if token == "(":
            inner = self._parse(0)
            if self._next() != ")":
                raise ValueError("( without )")
            return inner
        if token == "n" or isinstance(token, int):
            return token
        raise ValueError(f"unexpected {token}")

    def value(self, n: int, node=None) -> int:
        node = self.tree if node is None else node
        if node == "n":
            return n
        if isinstance(node, int):
            return node
        symbol = node[0]
        if symbol == "!":
            return int(not self.value(n, node[1]))
        if symbol == "?":
            return self.value(n, node[2] if self.value(n, node[1]) else node[3])
        left = self.value(n, node[1])
        if symbol == "||":
            return int(bool(left) or bool(self.value(n, node[2])))
        if symbol == "&&":
            return int(bool(left) and bool(self.value(n, node[2])))
        right = self.value(n, node[2])
        if symbol in "/%" and right == 0:
            raise ZeroDivisionError
        return int(_OPERATORS[symbol](left, right)) & _ULONG


_OPERATORS = {"*": operator.mul, "/": operator.floordiv, "%": operator.mod, "+": operator.add,
              "-": operator.sub, "<": operator.lt, ">": operator.gt, "<=": operator.le,
              ">=": operator.ge, "==": operator.eq, "!=": operator.ne}


# -- format strings -----------------------------------------------------------------------

def _formats(entry: Entry, formats: list[str], often: list | None) -> list[Diagnostic]:
    """msgfmt's format checks: the msgstr may not use arguments the msgid lacks, nor
    (strictly) leave some out; a plural form used for one n only may drop them."""
    found: list[Diagnostic] = []
    plural = entry.msgid_plural is not None
    translations = entry.translations
    for language in formats:
        parse, check = _PARSERS[language]
        original = parse(entry.msgid_plural if plural else entry.msgid, False)
        if isinstance(original, str):
            continue  # msgid is no format string: nothing to compare
        pretty_msgid = "msgid_plural" if plural else "msgid"
        for j, translation in enumerate(translations):
            pretty = f"msgstr[{j}]" if plural else "msgstr"
            parsed = parse(translation, True)
            if isinstance(parsed, str):
                found.append(Diagnostic(entry.line, "error", (
                    f"'{pretty}' is not a valid {_PRETTY[language]} format string, unlike "
                    f"'{pretty_msgid}'. Reason: {parsed}")))
                continue
            strict = not plural or len(translations) == 1 or \
                (often is not None and j < len(often) and often[j])
            found += [Diagnostic(entry.line, "error", message)
                      for message in check(original, parsed, strict, pretty_msgid, pretty)]
    return found


_UNTERMINATED = "The string ends in the middle of a directive."


def _conversion(directive: int, char: str) -> str:
    if " " <= char <= "~":
        return (f"In the directive number {directive}, the character '{char}' is not a "
                "valid conversion specifier.")
    return (f"The character that terminates the directive number {directive} is not a "
            "valid conversion specifier.")


def _number(text: str, i: int) -> tuple[int, int]:
    """The decimal number at `i` (as a C unsigned int) and where it ends."""
    value = 0
    while i < len(text) and "0" <= text[i] <= "9":
        value = (10 * value + ord(text[i]) - 48) & 0xFFFFFFFF
        i += 1
    return value, i


_C_MIXES = ("The string refers to arguments both through absolute argument numbers and "
            "through unnumbered argument specifications.")
_C_SIZES = {"hh": "char", "h": "short", "l": "long", "ll": "longlong", "L": "longlong",
            "q": "longlong", "j": "intmax_t", "z": "size_t", "Z": "size_t", "t": "ptrdiff_t"}
_C_MACRO = re.compile(r"PRI([diouxX])(MAX|PTR|(?:LEAST|FAST)?(?:8|16|32|64))")


def _c_format(text: str, translated: bool) -> list | str:
    """The argument types of a C format string, or why it is not one (format-c-parse.h)."""
    directives = 0
    numbered: list[tuple[int, tuple]] = []
    unnumbered: list[tuple] = []
    i, end = 0, len(text)

    def take(number: int, kind: tuple) -> str | None:
        if number:
            if unnumbered:
                return _C_MIXES
            numbered.append((number, kind))
        else:
            if numbered:
                return _C_MIXES
            unnumbered.append(kind)
        return None

    while i < end:
        if text[i] != "%":
            i += 1
            continue
        i += 1
        directives += 1
        number = 0
        if i < end and text[i].isdigit() and text[i].isascii():
            value, j = _number(text, i)
            if j < end and text[j] == "$":
                if value == 0:
                    return (f"In the directive number {directives}, the argument number 0 "
                            "is not a positive integer.")
                number, i = value, j + 1
        while i < end and (text[i] in " +-#0'" or translated and text[i] == "I"):
            i += 1
        for what in ("width", "precision"):
            if what == "precision":
                if i < end and text[i] == ".":
                    i += 1
                else:
                    break
            if i < end and text[i] == "*":
                i += 1
                argument = 0
                if i < end and "0" <= text[i] <= "9":
                    value, j = _number(text, i)
                    if j < end and text[j] == "$":
                        if value == 0:
                            return (f"In the directive number {directives}, the {what}'s "
                                    "argument number 0 is not a positive integer.")
                        argument, i = value, j + 1
                problem = take(argument, ("int",))
                if problem:
                    return problem
            else:
                while i < end and "0" <= text[i] <= "9":
                    i += 1
        if i < end and text[i] == "<":
            macro = _C_MACRO.match(text, i + 1)
            if macro is None:
                return (f"In the directive number {directives}, the token after '<' is not "
                        "the name of a format specifier macro. The valid macro names are "
                        "listed in ISO C 99 section 7.8.1.")
            i = macro.end()
            if i >= end or text[i] != ">":
                return (f"In the directive number {directives}, the token after '<' is not "
                        "followed by '>'.")
            size_name = {"MAX": "intmax_t", "PTR": "intptr_t"}.get(macro.group(2),
                                                                   macro.group(2))
            kind: tuple | None = ("int", macro.group(1) in "ouxX", size_name)
        else:
            size = ""
            while i < end and text[i] in "hlLqjzZt":
                char = text[i]
                if char == "h":
                    size = "hh" if size in ("h", "hh") else "h"
                elif char == "l":
                    size = "ll" if size in ("l", "ll") else "l"
                else:
                    size = char
                i += 1
            size_name = _C_SIZES.get(size)
            wide = size_name in ("long", "longlong")
            char = text[i] if i < end else ""
            if char in ("%", "m"):
                kind = None
            elif char == "c":
                kind = ("char", wide)
            elif char == "C":
                kind = ("char", True)
            elif char == "s":
                kind = ("string", wide)
            elif char == "S":
                kind = ("string", True)
            elif char and char in "id":
                kind = ("int", False, size_name)
            elif char and char in "ouxX":
                kind = ("int", True, size_name)
            elif char and char in "eEfFgGaA":
                kind = ("double", size_name == "longlong")
            elif char == "p":
                kind = ("pointer",)
            elif char == "n":
                kind = ("count", size_name)
            elif not char:
                return _UNTERMINATED
            else:
                return _conversion(directives, char)
        if kind is not None:
            problem = take(number, kind)
            if problem:
                return problem
        i += 1
    if numbered:
        numbered.sort(key=lambda pair: pair[0])
        merged: list[tuple[int, tuple]] = []
        for number, kind in numbered:
            if merged and merged[-1][0] == number:
                if merged[-1][1] != kind:
                    return f"The string refers to argument number {number} in incompatible ways."
            else:
                merged.append((number, kind))
        for index, (number, _) in enumerate(merged, 1):
            if number != index:
                return (f"The string refers to argument number {number} but ignores argument "
                        f"number {index}.")
        return [kind for _, kind in merged]
    return unnumbered


def _c_check(original: list, translated: list, strict: bool, msgid: str,
             msgstr: str) -> list[str]:
    if len(original) != len(translated) if strict else len(original) < len(translated):
        return [f"number of format specifications in '{msgid}' and '{msgstr}' does not match"]
    return [f"format specifications in '{msgid}' and '{msgstr}' for argument {i} are not the "
            "same" for i, (a, b) in enumerate(zip(original, translated), 1) if a != b]


_PY_MIXES = ("The string refers to arguments both through argument names and through "
             "unnamed argument specifications.")


def _python_format(text: str, translated: bool) -> tuple[dict, list] | str:
    """(named argument types, unnamed argument types) of a Python % format string, or why
    it is not one (format-python.c)."""
    directives = 0
    named: list[tuple[str, str]] = []
    unnamed: list[str] = []
    i, end = 0, len(text)
    while i < end:
        if text[i] != "%":
            i += 1
            continue
        i += 1
        directives += 1
        name = None
        if i < end and text[i] == "(":
            depth, start = 0, i + 1
            i += 1
            while i < end and not (text[i] == ")" and depth == 0):
                depth += {"(": 1, ")": -1}.get(text[i], 0)
                i += 1
            if i >= end:
                return _UNTERMINATED
            name, i = text[start:i], i + 1
        while i < end and text[i] in "-+ #0":
            i += 1
        zero_precision = False
        for part in ("width", "precision"):
            if part == "precision":
                if i < end and text[i] == ".":
                    i += 1
                else:
                    break
            if i < end and text[i] == "*":
                i += 1
                if named:
                    return _PY_MIXES
                unnamed.append("integer")
            elif i < end and "0" <= text[i] <= "9":
                start = i
                while i < end and "0" <= text[i] <= "9":
                    i += 1
                zero_precision = part == "precision" and set(text[start:i]) == {"0"}
        if i < end and text[i] in "hlL":
            i += 1
        char = text[i] if i < end else ""
        if char == "%":
            kind = "none"
        elif char == "c":
            kind = "character"
        elif char and char in "sr":
            kind = "any" if zero_precision else "string"
        elif char and char in "iduoxX":
            kind = "integer"
        elif char and char in "eEfgG":
            kind = "float"
        elif not char:
            return _UNTERMINATED
        else:
            return _conversion(directives, char)
        if name is not None:
            if unnamed:
                return _PY_MIXES
            named.append((name, kind))
        elif char != "%":
            if named:
                return _PY_MIXES
            unnamed.append(kind)
        i += 1
    types: dict[str, str] = {}
    for name, kind in sorted(named, key=lambda pair: pair[0]):
        if name in types and kind != types[name]:
            if "any" not in (kind, types[name]):
                return f"The string refers to the argument named '{name}' in incompatible ways."
            types[name] = types[name] if kind == "any" else kind
        else:
            types[name] = kind
    return types, unnamed


def _python_check(original: tuple, translated: tuple, strict: bool, msgid: str,
                  msgstr: str) -> list[str]:
    (names1, unnamed1), (names2, unnamed2) = original, translated
    if names1 and unnamed2:
        return [f"format specifications in '{msgid}' expect a mapping, those in '{msgstr}' "
                "expect a tuple"]
    if unnamed1 and names2:
        return [f"format specifications in '{msgid}' expect a tuple, those in '{msgstr}' "
                "expect a mapping"]
    found = []
    missing = sorted(set(names2) - set(names1))
    lost = sorted(set(names1) - set(names2))
    if missing and (not strict or not lost or missing[0] < lost[0]):
        found.append(f"a format specification for argument '{missing[0]}', as in '{msgstr}', "
                     f"doesn't exist in '{msgid}'")
    elif lost and strict:
        found.append(f"a format specification for argument '{lost[0]}' doesn't exist in "
                     f"'{msgstr}'")
    else:
        for name in sorted(names2):
            a, b = names1[name], names2[name]
            if not (a == b or not strict and "any" in (a, b)):
                found.append(f"format specifications in '{msgid}' and '{msgstr}' for "
                             f"argument '{name}' are not the same")
                break
    if unnamed1 or unnamed2:
        if len(unnamed1) != len(unnamed2):
            found.append(f"number of format specifications in '{msgid}' and '{msgstr}' does "
                         "not match")
        else:
            found += [f"format specifications in '{msgid}' and '{msgstr}' for argument {i} "
                      "are not the same" for i, (a, b) in enumerate(zip(unnamed1, unnamed2), 1)
                      if not (a == b or not strict and "any" in (a, b))]
    return found


_PARSERS = {"c": (_c_format, _c_check), "python": (_python_format, _python_check)}
