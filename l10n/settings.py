"""Workspace settings (`l10n.toml`): one table from which the defaults, the validation, the
file `l10n init` writes and the README's settings section all come.

Each `Setting` names its TOML table and key, the attribute of `Settings` it fills, its
default, the comment shown above it, and the function that validates and converts a
value read from the file. A setting whose key is `*` is a whole table ([languages]).
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from fnmatch import fnmatchcase
from pathlib import Path

from .errors import L10nError
from .languages import CODES, DATE_STYLES
from .links import Links

CONFIG_NAME = "l10n.toml"
ARGOS_INDEX = "https://raw.githubusercontent.com/argosopentech/argospm-index/main/index.json"

Validate = Callable[[object, str], object]  # (value, "[table] key") -> value, or ValueError


@dataclass(frozen=True)
class Setting:
    table: str
    key: str
    name: str  # attribute of Settings
    default: object
    help: str
    validate: Validate
    example: str = ""  # shown commented out when the default is empty
    array: bool = False  # an array of tables ([[qa.rules]]): its example is shown


# -- validators: each raises ValueError with the message the user reads -------------------

def _percent(value: object, name: str) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value <= 100:
        raise ValueError(f"{name} must be a number from 0 to 100")
    return float(value)


def _positive(value: object, name: str) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value < 0:
        raise ValueError(f"{name} must be a positive number")
    return value


def _whole(low: int, high: int) -> Validate:
    def validate(value: object, name: str) -> int:
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            raise ValueError(f"{name} must be a whole number from {low} to {high}")
        return value
    return validate


def _text(value: object, name: str) -> str:
    if not isinstance(value, str):
        raise ValueError(f"{name} must be a string")
    return value


def _optional_file(value: object, name: str) -> str:
    if not isinstance(value, str):
        raise ValueError(f"{name} must be the path of a file")
    return value


def _folder(value: object, name: str) -> str:
    """A folder inside the workspace."""
    if not isinstance(value, str) or not value or Path(value).is_absolute() or \
            ".." in Path(value).parts:
        raise ValueError(f"{name} must be a folder inside the workspace, like \"build\"")
    return value


def _strings(value: object, name: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ValueError(f"{name} must be a list of strings")
    return tuple(value)


def _choice(*choices: str) -> Validate:
    def validate(value: object, name: str) -> str:
        if value not in choices:
            raise ValueError(f"{name} must be one of {', '.join(map(repr, choices))}")
        return str(value)
    return validate


def _languages(value: object, name: str, *, exclude: str | None = None) -> tuple[str, ...]:
    if not isinstance(value, list) or any(v not in CODES or v == exclude for v in value):
        allowed = ", ".join(f'"{code}"' for code in CODES if code != exclude)
        raise ValueError(f"{name} must be a list of languages among {allowed}")
    return tuple(value)


def _targets(value: object, name: str) -> dict[str, tuple[str, ...]]:
    if not isinstance(value, dict):
        raise ValueError(f"{name} must be a table of language = [target languages]")
    for source in value:
        if source not in CODES:
            raise ValueError(f"{name}: unknown source language {source!r} "
                             f"(use {', '.join(CODES)})")
    return {**DEFAULT_TARGETS, **{source: _languages(targets, f"[languages] {source}",
                                                     exclude=source)
                                  for source, targets in value.items()}}


def _per_language(what: str) -> Validate:
    def validate(value: object, name: str) -> dict[str, tuple[str, ...]]:
        if not isinstance(value, dict) or not all(
                lang in CODES and isinstance(v, list) and all(isinstance(x, str) for x in v)
                for lang, v in value.items()):
            raise ValueError(f"{name} must map fr/ar/en to lists of {what}")
        return {lang: tuple(v) for lang, v in value.items()}
    return validate


def _patterns(value: object, name: str) -> dict[str, tuple[str, ...]]:
    patterns = _per_language("regular expressions")(value, name)
    if any(patterns.values()):
        from .segmentation import compile_pattern  # regex loads only when patterns are set
        for lang, items in patterns.items():
            for pattern in items:
                try:
                    compile_pattern(pattern, setting=f"{name} {lang}")
                except L10nError as exc:
                    raise ValueError(f"{exc.message} ({exc.hint})" if exc.hint
                                     else exc.message) from None
    return patterns


def _severities(value: object, name: str) -> dict[str, str]:
    if not isinstance(value, dict):
        raise ValueError(f"{name} must be a table of check = severity")
    if not value:
        return {}
    from .quality import DEFAULT_SEVERITY, SEVERITIES
    for check, level in value.items():
        if check not in DEFAULT_SEVERITY:
            raise ValueError(f"{name}: unknown check {check!r} "
                             f"(checks: {', '.join(DEFAULT_SEVERITY)})")
        _choice(*SEVERITIES)(level, f"{name} {check}")
    return dict(value)


@dataclass(frozen=True)
class SeverityRule:
    """QA severities for the documents matching a glob, in some languages."""

    documents: str
    languages: tuple[str, ...]
    severity: dict[str, str]

    def applies(self, document: str, lang: str) -> bool:
        return lang in self.languages and fnmatchcase(document, self.documents)


def _rules(value: object, name: str) -> tuple[SeverityRule, ...]:
    if not isinstance(value, list) or not all(
            isinstance(rule, dict) and not set(rule) - {"documents", "languages", "severity"}
            for rule in value):
        raise ValueError(f"each {name} has documents, languages and severity")
    return tuple(SeverityRule(
        documents=_text(rule.get("documents", "*"), f"{name} documents"),
        languages=_languages(rule.get("languages", list(CODES)), f"{name} languages"),
        severity=_severities(rule.get("severity", {}), f"{name} severity"),
    ) for rule in value)


def _date_styles(value: object, name: str) -> dict[str, str]:
    if not isinstance(value, dict) or any(lang not in CODES for lang in value):
        raise ValueError(f"{name} must map fr/ar/en to a date style")
    for lang, style in value.items():
        _choice(*DATE_STYLES)(style, f"{name} {lang}")
        if style == "long-hijri" and lang != "ar":
            raise ValueError(f'{name} {lang}: "long-hijri" is for Arabic (Hijri months are '
                             "read in Arabic)")
    return {**DEFAULT_DATES, **value}


def _sites(value: object, name: str) -> Links:
    for site in value if isinstance(value, list) else [None]:
        if not isinstance(site, dict) or len(site) < 2 or not all(
                lang in CODES and isinstance(prefix, str) and prefix.strip("/")
                for lang, prefix in site.items()):
            raise ValueError(f"each {name} maps two or more of fr, ar, en to the address "
                             'prefix of its pages, like fr = "https://www.example.org/fr"')
    return Links.of(value)


# -- the table ------------------------------------------------------------------------------

DEFAULT_TARGETS = {"fr": ("en", "ar"), "ar": ("fr", "en"), "en": ("fr", "ar")}
DEFAULT_DATES = {"fr": "long", "ar": "long", "en": "long"}

SETTINGS: tuple[Setting, ...] = (
    Setting("project", "name", "project", "communiques",
            "the project's name (Project-Id-Version of new PO files)", _text),
    Setting("languages", "*", "targets", DEFAULT_TARGETS,
            "source language (folder under sources/) = target languages", _targets),
    Setting("check", "required", "required", CODES,
            "target languages whose translations must be ready for `l10n check` to pass",
            _languages),
    Setting("check", "exempt", "exempt", (),
            "documents (globs on document names) that are reported but never block",
            _strings),
    Setting("qa", "arabic_digits", "arabic_digits", "western",
            'digits in Arabic translations: "western" (0-9), "arabic-indic" (٠-٩) or "any"',
            _choice("western", "arabic-indic", "any")),
    Setting("qa.severity", "*", "severity", {},
            'a check\'s severity: "error" blocks `l10n check`, "warning" is reported, '
            '"off" skips it', _severities, example='numbers = "error"'),
    Setting("qa.rules", "*", "severity_rules", (),
            "severities for some documents or languages only, applied in order", _rules,
            example='documents = "archive/*"\nlanguages = ["ar"]\nseverity = { length = "off" }',
            array=True),
    Setting("style", "dates", "date_styles", DEFAULT_DATES,
            'how each target language writes dates: "long" (11 October 2021), "long-hijri" '
            "(Arabic, with the Umm al-Qura date) or \"any\"; the `dates` check flags a date in "
            "figures where the style is long (11/10/2021 is 11 October in French, 10 November "
            "to American readers)", _date_styles),
    Setting("links.sites", "*", "links", Links(),
            "the same pages of a site in each language, by address prefix, one [[links.sites]] "
            "per site: builds point the source's links at the target language's pages, and "
            "the `link-language` check warns of a translation's link to the source "
            "language's pages", _sites,
            example='fr = "https://www.example.org/fr"\nar = "https://www.example.org/ar"\n'
                    'en = "https://www.example.org/en"', array=True),
    Setting("update", "suggestion_threshold", "suggestion_threshold", 60.0,
            "lowest similarity (0-100, rapidfuzz ratio) at which a changed unit is offered "
            "the old translation as a fuzzy suggestion", _percent),
    Setting("memory", "threshold", "memory_threshold", 75.0,
            "lowest score (0-100, defined in the README) at which a translation memory match "
            "is proposed by `l10n pretranslate` or shown by `l10n tm lookup`", _percent),
    Setting("paths", "sources", "sources", "sources", "source documents", _folder),
    Setting("paths", "translations", "translations", "translations",
            "PO files, one per document and target language", _folder),
    Setting("paths", "build", "build", "build", "rebuilt documents", _folder),
    Setting("paths", "tm", "tm", "tm", "imported TMX files", _folder),
    Setting("segmentation", "abbreviations", "abbreviations", {"fr": (), "ar": (), "en": ()},
            "words after which a full stop never ends a sentence, per language",
            _per_language("words")),
    Setting("segmentation", "no_break", "no_break", {"fr": (), "ar": (), "en": ()},
            "regular expressions no sentence may end inside or right after, per language",
            _patterns),
    Setting("segmentation", "srx", "srx", "",
            "an SRX 2.0 rules file (OmegaT, Okapi, LanguageTool) to use instead of the "
            "built-in rules", _optional_file, example='srx = "segmentation.srx"'),
    Setting("workspace", "lock_timeout", "lock_timeout", 30,
            "seconds a command waits for another l10n command on this workspace to finish",
            _positive),
    Setting("workspace", "max_source_bytes", "max_source_bytes", 20_000_000,
            "largest source document read, in bytes", _positive),
    Setting("models", "folder", "models_folder", "",
            "folder of installed Argos Translate packages; empty: Argos's own per-user folder "
            "(where argospm and LibreTranslate install). The L10N_MODELS_DIR variable "
            "overrides it.", _text),
    Setting("models", "index", "models_index", ARGOS_INDEX,
            "package index that `l10n models install --from-index` downloads from (only then)",
            _text),
    Setting("models", "max_package_bytes", "max_package_bytes", 4_000_000_000,
            "largest package installed, in bytes unpacked", _positive),
    Setting("mt", "beam_size", "beam_size", 4,
            "beam search width of machine translation (1: greedy, fastest)", _whole(1, 16)),
)


@dataclass(frozen=True)
class Settings:
    """The values of one workspace's l10n.toml, defaults filled in (see SETTINGS)."""

    project: str
    targets: dict[str, tuple[str, ...]]
    required: tuple[str, ...]
    exempt: tuple[str, ...]
    arabic_digits: str
    severity: dict[str, str]
    severity_rules: tuple[SeverityRule, ...]
    date_styles: dict[str, str]
    links: Links
    suggestion_threshold: float
    memory_threshold: float
    sources: str
    translations: str
    build: str
    tm: str
    abbreviations: dict[str, tuple[str, ...]]
    no_break: dict[str, tuple[str, ...]]
    srx: str
    lock_timeout: float
    max_source_bytes: int
    models_folder: str
    models_index: str
    max_package_bytes: int
    beam_size: int

    @classmethod
    def defaults(cls) -> Settings:
        return cls(**{s.name: s.default for s in SETTINGS})

    def blocks(self, document: str, lang: str) -> bool:
        """Whether this document in this language must be ready for `l10n check`."""
        return lang in self.required and not any(fnmatchcase(document, g) for g in self.exempt)

    def severities(self, document: str, lang: str) -> dict[str, str]:
        """QA check severities for one document and language: defaults, then rules."""
        result = dict(self.severity)
        for rule in self.severity_rules:
            if rule.applies(document, lang):
                result.update(rule.severity)
        return result


def find_root(start: Path) -> Path:
    """The nearest folder at or above `start` holding l10n.toml, like git finds .git."""
    start = start.resolve()
    for folder in (start, *start.parents):
        if (folder / CONFIG_NAME).is_file():
            return folder
    raise L10nError(f"no {CONFIG_NAME} here or in any parent folder", path=start,
                    hint="run `l10n init` to create a workspace, or pass --workspace DIR")


def load(root: Path) -> Settings:
    """The settings of the workspace at `root`; any unknown or invalid value is an error
    naming the file and what is allowed."""
    path = root / CONFIG_NAME
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise L10nError(f"no {CONFIG_NAME} in this folder", path=root,
                        hint="run `l10n init` here, or pass the workspace folder") from None
    except UnicodeDecodeError:
        raise L10nError("not valid UTF-8", path=path) from None
    except OSError as exc:
        raise L10nError(f"cannot read: {exc.strerror}", path=path) from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        line = re.search(r"line (\d+)", str(exc))
        raise L10nError(f"invalid TOML: {str(exc).split(' (at')[0]}", path=path,
                        line=int(line.group(1)) if line else None) from None
    return parse(data, path)


def parse(data: dict, path: Path) -> Settings:
    """Settings from the TOML tables of l10n.toml at `path`."""
    tables = _tables(data, path)
    known: dict[str, set[str]] = {}
    for setting in SETTINGS:
        known.setdefault(setting.table, set()).add(setting.key)
    for table, value in tables.items():
        if table not in known:
            raise L10nError(f"unknown setting table [{table}]", path=path,
                            hint=f"known tables: {', '.join(known)}")
        if "*" not in known[table]:
            for key in value:
                if key not in known[table]:
                    raise L10nError(f"unknown setting [{table}] {key}", path=path,
                                    hint=f"known: {', '.join(sorted(known[table]))}")
    values = {}
    for setting in SETTINGS:
        table = tables.get(setting.table, {})
        if setting.key == "*":
            present, raw = setting.table in tables, table
        else:
            present, raw = setting.key in table, table.get(setting.key)
        if not present:
            values[setting.name] = setting.default
            continue
        name = f"[[{setting.table}]]" if setting.array else f"[{setting.table}]" \
            if setting.key == "*" else f"[{setting.table}] {setting.key}"
        try:
            values[setting.name] = setting.validate(raw, name)
        except ValueError as exc:
            raise L10nError(str(exc), path=path, line=_line_of(path, setting)) from None
    return Settings(**values)


def _tables(data: dict, path: Path) -> dict[str, object]:
    """Top-level and dotted sub-tables ([qa.severity], [[qa.rules]]) by their full name."""
    tables: dict[str, object] = {}
    for name, value in data.items():
        if not isinstance(value, dict):
            raise L10nError(f"unknown setting {name} outside any table", path=path,
                            hint="settings belong in tables such as [project]")
        nested = {f"{name}.{k}": v for k, v in value.items()
                  if f"{name}.{k}" in {s.table for s in SETTINGS}}
        rest = {k: v for k, v in value.items() if f"{name}.{k}" not in nested}
        if rest or not nested:  # [[links.sites]] alone makes no [links] table of its own
            tables[name] = rest
        tables.update(nested)
    return tables


def _line_of(path: Path, setting: Setting) -> int | None:
    """The line where a setting is written, to point at it (None when not found)."""
    try:
        lines = path.read_text(encoding="utf-8").split("\n")
    except OSError:
        return None
    header = re.compile(rf"^\s*\[+\s*{re.escape(setting.table)}\s*\]+")
    in_table = False
    for number, line in enumerate(lines, 1):
        if line.lstrip().startswith("["):
            in_table = bool(header.match(line))
            if in_table and setting.key == "*":
                return number
        elif in_table and re.match(rf"\s*{re.escape(setting.key)}\s*=", line):
            return number
    return None


# -- the file `l10n init` writes, which the README shows ------------------------------------

def template(project: str | None = None) -> str:
    """l10n.toml with every setting at its default and its comment."""
    lines = ["# l10n workspace settings; every key is optional and shown with its default."]
    current = None
    for setting in SETTINGS:
        if setting.table != current:
            current = setting.table
            lines.append("")
            if not setting.array:  # an array of tables: a commented example
                lines.append(f"[{setting.table}]")
        lines += [f"# {line}" for line in _wrap(setting.help)]
        value = project if setting.name == "project" and project else setting.default
        lines += _value_lines(setting, value)
    return "\n".join(lines) + "\n"


def _value_lines(setting: Setting, value: object) -> list[str]:
    if setting.array:
        return [f"# [[{setting.table}]]"] + [f"# {line}" for line in setting.example.split("\n")]
    if setting.key == "*":
        return [f"{key} = {_toml(item)}" for key, item in value.items()] if value \
            else [f"# {setting.example}"]
    if value == "" and setting.example:
        return [f"# {setting.example}"]
    return [f"{setting.key} = {_toml(value)}"]


def _wrap(text: str, width: int = 88) -> list[str]:
    lines, current = [], ""
    for word in text.split():
        if current and len(current) + 1 + len(word) > width:
            lines.append(current)
            current = word
        else:
            current = f"{current} {word}" if current else word
    return lines + ([current] if current else [])


def _toml(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, (int, float)):
        return str(value)
    if isinstance(value, str):
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_toml(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{ " + ", ".join(f"{k} = {_toml(v)}" for k, v in value.items()) + " }"
    raise TypeError(value)

