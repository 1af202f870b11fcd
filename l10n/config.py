"""Project settings from `l10n.toml`: every setting, its default, and its validation."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from fnmatch import fnmatchcase
from pathlib import Path

from .errors import L10nError

CONFIG_NAME = "l10n.toml"
LANGUAGES = {"fr": "French", "ar": "Arabic", "en": "English"}
PLURAL_FORMS = {
    "en": "nplurals=2; plural=(n != 1);",
    "fr": "nplurals=2; plural=(n > 1);",
    "ar": "nplurals=6; plural=n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : n%100>=3 && n%100<=10 ? 3 "
          ": n%100>=11 ? 4 : 5;",
}
RTL_LANGUAGES = frozenset({"ar"})
ARGOS_INDEX = "https://raw.githubusercontent.com/argosopentech/argospm-index/main/index.json"

DEFAULT_CONFIG = """\
# l10n workspace settings; every key is optional and shown with its default.
[project]
name = "{name}"

[languages]
# source language (folder under sources/) = target languages
fr = ["en", "ar"]
ar = ["fr", "en"]
en = ["fr", "ar"]

[check]
# target languages whose translations must be ready for `l10n check` to pass
required = ["fr", "ar", "en"]
# documents (globs on document names) that are reported but never block
exempt = []

[qa]
# digits in Arabic translations: "western" (0-9), "arabic-indic" (٠-٩) or "any"
arabic_digits = "western"

[qa.severity]
# a check's severity: "error" blocks `l10n check`, "warning" is reported, "off" skips it
# numbers = "error"

# severities for some documents or languages only, applied in order:
# [[qa.rules]]
# documents = "archive/*"
# languages = ["ar"]
# severity = { length = "off" }

[update]
# lowest similarity (0-100, rapidfuzz ratio) at which a changed unit is offered
# the old translation as a fuzzy suggestion
suggestion_threshold = 60

[build]
# percentage of a document's units that must be reviewed before it is built
completeness = 100

[memory]
# lowest score (0-100, defined in the README) at which a translation memory match
# is proposed by `l10n pretranslate` or shown by `l10n tm lookup`
threshold = 75

[paths]
# folders inside the workspace
sources = "sources"
translations = "translations"
build = "build"
tm = "tm"

[segmentation]
# words after which a full stop never ends a sentence, per language
abbreviations = { fr = [], ar = [], en = [] }
# regular expressions no sentence may end inside or right after, per language
no_break = { fr = [], ar = [], en = [] }
# an SRX 2.0 rules file (OmegaT, Okapi, LanguageTool) to use instead of the built-in rules
# srx = "segmentation.srx"

[workspace]
# seconds a command waits for another l10n command on this workspace to finish
lock_timeout = 30
# largest source document read, in bytes
max_source_bytes = 20000000

[models]
# folder of installed Argos Translate packages; empty: Argos's own per-user folder
# (where argospm and LibreTranslate install). The L10N_MODELS_DIR variable overrides it.
folder = ""
# package index that `l10n models install --from-index` downloads from (only then)
index = "https://raw.githubusercontent.com/argosopentech/argospm-index/main/index.json"
# largest package installed, in bytes unpacked
max_package_bytes = 4000000000

[mt]
# beam search width of machine translation (1: greedy, fastest)
beam_size = 4
"""


@dataclass(frozen=True)
class SeverityRule:
    documents: str = "*"
    languages: tuple[str, ...] = tuple(LANGUAGES)
    severity: dict[str, str] = field(default_factory=dict)

    def applies(self, document: str, lang: str) -> bool:
        return lang in self.languages and fnmatchcase(document, self.documents)


@dataclass(frozen=True)
class Settings:
    root: Path
    project: str = "communiques"
    targets: dict[str, tuple[str, ...]] = field(default_factory=lambda: {
        src: tuple(t for t in LANGUAGES if t != src) for src in LANGUAGES})
    required: tuple[str, ...] = tuple(LANGUAGES)
    suggestion_threshold: float = 60
    completeness: float = 100
    memory_threshold: float = 75
    sources: str = "sources"
    translations: str = "translations"
    build: str = "build"
    tm: str = "tm"
    abbreviations: dict[str, tuple[str, ...]] = field(default_factory=dict)
    no_break: dict[str, tuple[str, ...]] = field(default_factory=dict)
    srx: str | None = None
    exempt: tuple[str, ...] = ()
    arabic_digits: str = "western"
    severity: dict[str, str] = field(default_factory=dict)
    severity_rules: tuple[SeverityRule, ...] = ()
    lock_timeout: float = 30
    max_source_bytes: int = 20_000_000
    models_folder: str = ""
    models_index: str = ARGOS_INDEX
    max_package_bytes: int = 4_000_000_000
    beam_size: int = 4

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
    @property
    def models_dir(self) -> Path | None:
        """The configured models folder (None: Argos's own default)."""
        return self.root / self.models_folder if self.models_folder else None

    @property
    def sources_dir(self) -> Path:
        return self.root / self.sources

    @property
    def translations_dir(self) -> Path:
        return self.root / self.translations

    @property
    def build_dir(self) -> Path:
        return self.root / self.build

    @property
    def tm_dir(self) -> Path:
        return self.root / self.tm

    @property
    def state_dir(self) -> Path:
        return self.root / ".l10n"

    @property
    def srx_path(self) -> Path | None:
        return self.root / self.srx if self.srx else None


def find_root(start: Path) -> Path:
    """The nearest folder at or above `start` holding l10n.toml, like git finds .git."""
    start = start.resolve()
    for folder in (start, *start.parents):
        if (folder / CONFIG_NAME).is_file():
            return folder
    raise L10nError(f"no {CONFIG_NAME} here or in any parent folder", path=start,
                    hint="run `l10n init` to create a workspace, or pass --workspace DIR")


def load(root: Path) -> Settings:
    path = root / CONFIG_NAME
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise L10nError(f"no {CONFIG_NAME} in this folder", path=root,
                        hint="run `l10n init` here, or pass the workspace folder") from None
    except UnicodeDecodeError:
        raise L10nError("not valid UTF-8", path=path) from None
    except tomllib.TOMLDecodeError as exc:
        line = re.search(r"line (\d+)", str(exc))
        raise L10nError(f"invalid TOML: {str(exc).split(' (at')[0]}", path=path,
                        line=int(line.group(1)) if line else None) from None
    return _settings(root, data, path)


_KNOWN = {
    "project": {"name"},
    "languages": set(LANGUAGES),
    "check": {"required", "exempt"},
    "qa": {"arabic_digits", "severity", "rules"},
    "update": {"suggestion_threshold"},
    "build": {"completeness"},
    "memory": {"threshold"},
    "paths": {"sources", "translations", "build", "tm"},
    "workspace": {"lock_timeout", "max_source_bytes"},
    "segmentation": {"abbreviations", "no_break", "srx"},
    "models": {"folder", "index", "max_package_bytes"},
    "mt": {"beam_size"},
}


def _settings(root: Path, data: dict, path: Path) -> Settings:
    for table, value in data.items():
        if table not in _KNOWN or not isinstance(value, dict):
            raise L10nError(f"unknown setting table [{table}]", path=path,
                            hint=f"known tables: {', '.join(_KNOWN)}")
        for key in value:
            if key not in _KNOWN[table]:
                raise L10nError(f"unknown setting [{table}] {key}", path=path,
                                hint=f"known: {', '.join(sorted(_KNOWN[table]))}")
    get = lambda table, key, default: data.get(table, {}).get(key, default)  # noqa: E731
    defaults = Settings(root)
    targets = dict(defaults.targets)
    for src, langs in data.get("languages", {}).items():
        targets[src] = tuple(_languages(langs, f"[languages] {src}", path, exclude=src))
    abbreviations = _per_language(get("segmentation", "abbreviations", {}),
                                  "[segmentation] abbreviations", "words", path)
    no_break = _per_language(get("segmentation", "no_break", {}),
                             "[segmentation] no_break", "regular expressions", path)
    if no_break:
        from .segmentation import compile_pattern  # regex loads only when patterns are set
    for lang, patterns in no_break.items():
        for pattern in patterns:
            try:
                compile_pattern(pattern, setting=f"[segmentation] no_break {lang}")
            except L10nError as exc:
                raise L10nError(exc.message, path=path, hint=exc.hint) from None
    srx = get("segmentation", "srx", None)
    if srx is not None and (not isinstance(srx, str) or not srx):
        raise L10nError("[segmentation] srx must be the path of an SRX file", path=path)
    return Settings(
        root=root,
        project=str(get("project", "name", defaults.project)),
        targets=targets,
        required=tuple(_languages(get("check", "required", list(defaults.required)),
                                  "[check] required", path)),
        suggestion_threshold=_percent(get("update", "suggestion_threshold",
                                          defaults.suggestion_threshold),
                                      "[update] suggestion_threshold", path),
        completeness=_percent(get("build", "completeness", defaults.completeness),
                              "[build] completeness", path),
        memory_threshold=_percent(get("memory", "threshold", defaults.memory_threshold),
                                  "[memory] threshold", path),
        tm=_inside(get("paths", "tm", defaults.tm), "[paths] tm", path),
        sources=_inside(get("paths", "sources", defaults.sources), "[paths] sources", path),
        translations=_inside(get("paths", "translations", defaults.translations),
                             "[paths] translations", path),
        build=_inside(get("paths", "build", defaults.build), "[paths] build", path),
        lock_timeout=_number(get("workspace", "lock_timeout", defaults.lock_timeout),
                             "[workspace] lock_timeout", path),
        max_source_bytes=int(_number(get("workspace", "max_source_bytes",
                                         defaults.max_source_bytes),
                                     "[workspace] max_source_bytes", path)),
        abbreviations=abbreviations,
        no_break=no_break,
        srx=srx,
        exempt=tuple(_strings(get("check", "exempt", []), "[check] exempt", path)),
        arabic_digits=_choice(get("qa", "arabic_digits", defaults.arabic_digits),
                              ("western", "arabic-indic", "any"), "[qa] arabic_digits", path),
        severity=_severity(get("qa", "severity", {}), "[qa.severity]", path),
        severity_rules=tuple(_rule(r, path) for r in _list(get("qa", "rules", []),
                                                            "[[qa.rules]]", path)),
        models_folder=str(get("models", "folder", defaults.models_folder)),
        models_index=str(get("models", "index", defaults.models_index)),
        max_package_bytes=int(_number(get("models", "max_package_bytes",
                                          defaults.max_package_bytes),
                                      "[models] max_package_bytes", path)),
        beam_size=_count(get("mt", "beam_size", defaults.beam_size), "[mt] beam_size", path),
    )


def _inside(value: object, name: str, path: Path) -> str:
    """A folder setting: relative, and inside the workspace."""
    if not isinstance(value, str) or not value or Path(value).is_absolute() or \
            ".." in Path(value).parts:
        raise L10nError(f"{name} must be a folder inside the workspace, like \"build\"",
                        path=path)
    return value


def _number(value: object, name: str, path: Path) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value < 0:
        raise L10nError(f"{name} must be a positive number", path=path)
    return float(value)


def _list(value: object, name: str, path: Path) -> list:
    if not isinstance(value, list):
        raise L10nError(f"{name} must be a list", path=path)
    return value


def _strings(value: object, name: str, path: Path) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise L10nError(f"{name} must be a list of strings", path=path)
    return value


def _choice(value: object, choices: tuple[str, ...], name: str, path: Path) -> str:
    if value not in choices:
        raise L10nError(f"{name} must be one of {', '.join(map(repr, choices))}", path=path)
    return str(value)


def _severity(value: object, name: str, path: Path) -> dict[str, str]:
    from .qa import CHECKS, SEVERITIES
    if not isinstance(value, dict):
        raise L10nError(f"{name} must be a table of check = severity", path=path)
    for check, level in value.items():
        if check not in CHECKS:
            raise L10nError(f"{name}: unknown check {check!r}", path=path,
                            hint=f"checks: {', '.join(CHECKS)}")
        _choice(level, SEVERITIES, f"{name} {check}", path)
    return dict(value)


def _rule(value: object, path: Path) -> SeverityRule:
    if not isinstance(value, dict) or set(value) - {"documents", "languages", "severity"}:
        raise L10nError("each [[qa.rules]] has documents, languages and severity", path=path)
    return SeverityRule(
        documents=str(value.get("documents", "*")),
        languages=tuple(_languages(value.get("languages", list(LANGUAGES)),
                                   "[[qa.rules]] languages", path)),
        severity=_severity(value.get("severity", {}), "[[qa.rules]] severity", path),
    )


def _per_language(value: object, name: str, what: str, path: Path) -> dict[str, tuple[str, ...]]:
    if not isinstance(value, dict) or not all(
            lang in LANGUAGES and isinstance(v, list) and all(isinstance(x, str) for x in v)
            for lang, v in value.items()):
        raise L10nError(f"{name} must map fr/ar/en to lists of {what}", path=path)
    return {lang: tuple(v) for lang, v in value.items()}


def _languages(value: object, name: str, path: Path, exclude: str | None = None) -> list[str]:
    if not isinstance(value, list) or any(v not in LANGUAGES or v == exclude for v in value):
        allowed = ", ".join(f'"{code}"' for code in LANGUAGES if code != exclude)
        raise L10nError(f"{name} must be a list of languages among {allowed}", path=path)
    return list(value)


def _percent(value: object, name: str, path: Path) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value <= 100:
        raise L10nError(f"{name} must be a number from 0 to 100", path=path)
    return float(value)


def _count(value: object, name: str, path: Path) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 16:
        raise L10nError(f"{name} must be a whole number from 1 to 16", path=path)
    return value
