"""The `l10n` command: options, paths, printing and exit codes. No domain logic here: each
command parses its options, calls one function of the core, and prints what it returns.

Exit codes: 0 done; 1 ran fine but the answer is no (blocked, refused); 2 usage, input
or environment error.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import sys
import time
from datetime import datetime, timezone
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from .errors import L10nError

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="Offline localization of communiqués through gettext PO files.")

WorkspaceOption = Annotated[Optional[Path], typer.Option(
    "--workspace", "-w", help="Workspace folder (default: found from the current folder up).")]
Docs = Annotated[Optional[list[str]], typer.Option(
    "--doc", help="Only this document (path under sources/<lang>/ without extension).")]
Langs = Annotated[Optional[list[str]], typer.Option("--lang", help="Only this target language.")]
JsonOut = Annotated[bool, typer.Option("--json", help="Machine-readable output.")]
FromLang = Annotated[str, typer.Option("--from", help="Source language: fr, ar or en.")]
ToLang = Annotated[str, typer.Option("--to", help="Target language: fr, ar or en.")]
BeamSize = Annotated[Optional[int], typer.Option(
    "--beam-size", min=1, max=16, help="Beam width of MT (default: beam_size in l10n.toml, 4).")]
MODELS_ENV = "L10N_MODELS_DIR"  # overrides [models] folder

tm_app = typer.Typer(no_args_is_help=True,
                     help="The translation memory: import and export TMX, look sentences up.")
app.add_typer(tm_app, name="tm")
glossary_app = typer.Typer(no_args_is_help=True, help="The workspace glossary (glossary.csv).")
app.add_typer(glossary_app, name="glossary")
models_app = typer.Typer(no_args_is_help=True, help="Offline MT models: Argos Translate "
                         f"packages (folder: ${MODELS_ENV}, else folder in l10n.toml, else "
                         "Argos's own).")
app.add_typer(models_app, name="models")


class OutputFormat(str, Enum):
    text = "text"
    json = "json"
    github = "github"
    junit = "junit"


def _workspace(folder: Path | None):
    from .workspace import Workspace
    return Workspace.open(folder)


def _optional_workspace(folder: Path | None):
    """The workspace named or found from here, or None outside any workspace."""
    from .settings import find_root
    from .workspace import Workspace
    if folder is None:
        try:
            folder = find_root(Path.cwd())
        except L10nError:
            return None
    return Workspace.open(folder)


def _models_folder(ws) -> Path | None:
    """$L10N_MODELS_DIR, else [models] folder, else None (Argos's own folder)."""
    if os.environ.get(MODELS_ENV):
        return Path(os.environ[MODELS_ENV])
    return ws.models_dir if ws else None


def _threads() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return os.cpu_count() or 1


def _now() -> datetime:
    return datetime.now(timezone.utc)


def _color() -> bool:
    return sys.stdout.isatty() and "NO_COLOR" not in os.environ


def _say(lines: list[str]) -> None:
    if lines:
        typer.echo("\n".join(lines))  # one write: echo costs microseconds per call


def _warn(warnings: list[str] | tuple[str, ...]) -> None:
    for warning in warnings:
        typer.echo(f"l10n: warning: {warning}", err=True)


@contextlib.contextmanager
def _errors_as(output: OutputFormat):
    """Input errors in the output format asked for, so a CI parser never reads plain text
    or nothing: a JSON object, a GitHub annotation, or a JUnit error. Exit 2."""
    try:
        yield
    except L10nError as exc:
        if output is OutputFormat.text:
            raise
        from .reports import render
        typer.echo(render.error(exc, output.value))
        raise typer.Exit(2) from None


class _Meter:
    """Units done, rate and time left on stderr, once a run has lasted a second."""

    def __init__(self, total: int, label: str) -> None:
        self.total, self.label, self.done = total, label, 0
        self.start = self.shown = time.monotonic()
        self.tty = sys.stderr.isatty()
        self.printed = False

    def __call__(self, units: int) -> None:
        self.done += units
        now = time.monotonic()
        if now - self.shown < (1 if self.tty else 10) or now - self.start < 1:
            return
        self.shown = now
        rate = self.done / (now - self.start)
        left = max(self.total - self.done, 0) / rate if rate else 0
        line = (f"{self.label}: {self.done}/{self.total} units, {rate:.1f} units/s, "
                f"about {left:.0f} s left")
        sys.stderr.write(f"\r{line}\033[K" if self.tty else line + "\n")
        sys.stderr.flush()
        self.printed = True

    def close(self) -> None:
        if self.printed and self.tty:
            sys.stderr.write("\n")


# -- workspace commands ------------------------------------------------------------------

@app.command()
def init(folder: Annotated[Path, typer.Argument(help="Folder to make a workspace.")] = Path(".")):
    """Create l10n.toml, sources/ and translations/ (existing files are left alone)."""
    from .commands.init import init as create
    created = create(folder)
    _say([f"created {p}" for p in created] or [f"{folder} is already a workspace"])


@app.command()
def update(workspace: WorkspaceOption = None, doc: Docs = None,
           prune: Annotated[bool, typer.Option(
               help="Delete PO files whose source is gone.")] = False,
           check: Annotated[bool, typer.Option(
               "--check", help="Write nothing; exit 1 if any PO file is out of date.")] = False):
    """Cut every source into units and create or merge its PO files."""
    from .commands.update import update as run
    from .reports import render
    ws = _workspace(workspace)
    with contextlib.nullcontext() if check else ws.lock():  # --check writes nothing
        result = run(ws, now=_now(), prune=prune, names=doc, check=check, workers=_threads())
    _warn(result.warnings)
    _say(render.update_text(result, ws.root, check=check))
    if check and result.written:
        raise typer.Exit(1)


@app.command()
def status(workspace: WorkspaceOption = None, doc: Docs = None, lang: Langs = None,
           json_out: JsonOut = False,
           changes: Annotated[bool, typer.Option(
               "--changes", help="List units whose source changed since review.")] = False):
    """What is left before publication, per document and language."""
    from . import gate
    from .reports import render
    with _errors_as(OutputFormat.json if json_out else OutputFormat.text):
        ws = _workspace(workspace)
        result = gate.review(ws, names=doc, langs=lang)
    if json_out:
        typer.echo(render.status_json(result, ws.root))
    else:
        _say(render.status_text(result, ws.root, changes=changes, color=_color()))
    _unreadable(result, ws.root)


@app.command()
def check(workspace: WorkspaceOption = None, doc: Docs = None, lang: Langs = None,
          format: Annotated[Optional[OutputFormat], typer.Option(
              "--format", help="text, json, github (default under GitHub Actions) or junit."
          )] = None):
    """The publication gate: exit 0 when every required translation is ready, 1 when not."""
    from . import gate
    from .reports import render
    chosen = format or (OutputFormat.github if os.environ.get("GITHUB_ACTIONS") == "true"
                        else OutputFormat.text)
    with _errors_as(chosen):
        ws = _workspace(workspace)
        result = gate.review(ws, names=doc, langs=lang)
    if chosen is OutputFormat.json:
        typer.echo(render.check_json(result, ws.root))
    elif chosen is OutputFormat.junit:
        typer.echo(render.check_junit(result, ws.root))
    elif chosen is OutputFormat.github:
        _say(render.check_github(result, ws.root))
        summary = os.environ.get("GITHUB_STEP_SUMMARY")
        if summary:
            try:
                with open(summary, "a", encoding="utf-8") as handle:
                    handle.write(render.check_summary(result, ws.root))
            except OSError as exc:
                raise L10nError(f"cannot append the job summary: {exc.strerror}",
                                path=summary, hint="GITHUB_STEP_SUMMARY names this file") from None
    else:
        _say(render.check_text(result, ws.root, color=_color()))
    _unreadable(result, ws.root)
    if result.blocked:
        raise typer.Exit(1)


class ReportFormat(str, Enum):
    html = "html"
    json = "json"


@app.command()
def report(workspace: WorkspaceOption = None,
           output: Annotated[Optional[Path], typer.Option(
               "--output", "-o", help="The file to write (default: build/report.html; JSON "
                                      "goes to stdout).")] = None,
           since: Annotated[Optional[datetime], typer.Option(
               formats=["%Y-%m-%d"], help="Pace and post-editing from this date on.")] = None,
           format: Annotated[ReportFormat, typer.Option(
               "--format", help="html (one self-contained page with charts) or json.")
           ] = ReportFormat.html):
    """Progress, where translations came from, post-editing effort, QA findings and pace,
    on one page for the head of the office."""
    from .files import write_atomic
    from .reports import figures
    as_json = format is ReportFormat.json
    with _errors_as(OutputFormat.json if as_json else OutputFormat.text):
        ws = _workspace(workspace)
        data = figures.compute(ws, now=_now(), since=since.date() if since else None,
                               workers=_threads())
    if as_json:
        text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    else:
        from .reports import page
        text = page.render(data)
    if as_json and output is None:
        typer.echo(text, nl=False)
    else:
        output = output or ws.build_dir / "report.html"
        write_atomic(output, text.encode("utf-8"), durable=False)
        typer.echo(f"wrote {output}")
    for problem in data["unreadable"]:
        where = problem["file"] + (f":{problem['line']}" if problem["line"] else "")
        typer.echo(f"l10n: error: {where}: {problem['message']}", err=True)
    if data["unreadable"]:
        raise typer.Exit(2)


def _unreadable(result, root: Path) -> None:
    """After a report, each file it could not read, as an error line; then exit 2."""
    from .reports import render
    broken = [p for item in result.items for p in item.problems if p.check == "input"]
    for problem in dict.fromkeys(broken):
        typer.echo(f"l10n: error: {render.location(problem, root)}: {problem.message}", err=True)
    if broken:
        raise typer.Exit(2)


@app.command()
def build(workspace: WorkspaceOption = None, doc: Docs = None, lang: Langs = None,
          allow_partial: Annotated[bool, typer.Option(
              "--allow-partial", help="Also write documents that are not ready, keeping the "
                                      "source text where a translation may not be published."
          )] = False):
    """Rebuild the translated documents that are ready under build/<lang>/."""
    from .commands.build import build as run
    from .reports import render
    ws = _workspace(workspace)
    with ws.lock():
        results = run(ws, partial=allow_partial, names=doc, langs=lang, workers=_threads())
    _say(render.build_text(results, ws.root))
    if any(r.outcome == "refused" for r in results):
        raise typer.Exit(1)


def _approver(by: str | None) -> str:
    """Who approves: --by, else git's user.name, else the login name (asked only once
    there is something to approve)."""
    if by:
        return by
    with contextlib.suppress(OSError, subprocess.SubprocessError):
        name = subprocess.run(["git", "config", "user.name"], capture_output=True, text=True,
                              timeout=5).stdout.strip()
        if name:
            return name
    name = os.environ.get("USER") or os.environ.get("USERNAME") or os.environ.get("LOGNAME")
    if not name:
        raise typer.BadParameter("say who approves: no git user.name or login name here",
                                 param_hint="--by")
    return name


@app.command()
def approve(entries: Annotated[Optional[list[str]], typer.Argument(
                metavar="[PO:LINE]...",
                help="Entries to approve, as `l10n check` names them (even with QA errors).")
            ] = None,
            workspace: WorkspaceOption = None, doc: Docs = None, lang: Langs = None,
            origin: Annotated[Optional[str], typer.Option(
                help="Only entries of this origin: changed, memory, machine or unknown "
                     "(marked needs work by hand).")] = None,
            exact: Annotated[bool, typer.Option(help="Only exact memory matches.")] = False,
            all_: Annotated[bool, typer.Option(
                "--all", help="Every needs-review entry of the workspace.")] = False,
            dry_run: Annotated[bool, typer.Option(
                "--dry-run", help="Show what would be approved; write nothing.")] = False,
            by: Annotated[Optional[str], typer.Option(
                help="Who approves (default: git's user.name, else your login name).")] = None):
    """Mark needs-review entries reviewed, on your explicit say-so; records who."""
    from .commands.approve import approve as run
    from .reports import render
    if not (entries or doc or lang or origin or all_):
        raise typer.BadParameter("say what to approve: PO:LINE, --doc, --lang, --origin, or "
                                 "--all for the whole workspace", param_hint="scope")
    ws = _workspace(workspace)
    named = [_entry(item) for item in entries or ()]
    with contextlib.nullcontext() if dry_run else ws.lock():
        approvals = run(ws, by=lambda: _approver(by), origin=origin, exact=exact, names=doc, langs=lang,
                        named=named, dry_run=dry_run)
    _say(render.approve_text(approvals, ws.root, dry_run=dry_run))


def _entry(text: str) -> tuple[Path, int]:
    path, _, line = text.rpartition(":")
    if not path or not line.isdigit():
        raise typer.BadParameter(f"{text!r} is not PO:LINE (e.g. translations/en/a.po:18)",
                                 param_hint="PO:LINE")
    return Path(path), int(line)


@glossary_app.command("check")
def glossary_check(workspace: WorkspaceOption = None, doc: Docs = None, lang: Langs = None):
    """List translations that disagree with the glossary; exit 1 when there are any."""
    from . import gate
    from .reports import render
    ws = _workspace(workspace)
    result = gate.review(ws, names=doc, langs=lang)
    found = [p for item in result.items for p in item.problems if p.check == "glossary"]
    for problem in found:
        typer.echo(f"{render.location(problem, ws.root)}: {problem.message}")
    typer.echo(f"{len(found)} glossary disagreement(s)")
    _unreadable(result, ws.root)
    if found:
        raise typer.Exit(1)


@app.command()
def segment(file: Annotated[Path, typer.Argument(help="A source document.")],
            lang: Annotated[str, typer.Option(help="Its language: fr, ar or en.")],
            json_out: JsonOut = False, workspace: WorkspaceOption = None):
    """Show how a document is cut into units."""
    from .commands.translate import segment as cut
    units, warnings = cut(file, lang, _optional_workspace(workspace))
    _warn(warnings)
    if json_out:
        lines = (json.dumps({"start": u.start, "end": u.end, "text": u.text, "msgid": u.msgid},
                            ensure_ascii=False) for u in units)
    else:
        lines = (u.msgid.replace("\n", "⏎") for u in units)
    sys.stdout.write("".join(line + "\n" for line in lines))


# -- the translation memory --------------------------------------------------------------

@tm_app.command("import")
def tm_import(files: Annotated[list[Path], typer.Argument(help="TMX files to copy into tm/.")],
              workspace: WorkspaceOption = None):
    """Check TMX files and copy them into tm/ (commit it), where the memory reads them."""
    from .proposals import memory
    from .reports import render
    ws = _workspace(workspace)
    with ws.lock():
        imported = memory.import_tmx(ws, files)
    for one in imported:
        _say(render.imported_text(one, ws.root))


@tm_app.command("export")
def tm_export(file: Annotated[Path, typer.Argument(help="The TMX file to write.")],
              source: FromLang, target: ToLang, workspace: WorkspaceOption = None):
    """Write the memory's pairs for one direction as a TMX 1.4b file."""
    from .proposals import memory
    ws = _workspace(workspace)
    count = memory.export_tmx(memory.load(ws), file, source_lang=source, target_lang=target)
    typer.echo(f"exported {count} pair{'' if count == 1 else 's'} {source}→{target} to {file}")


@tm_app.command("lookup")
def tm_lookup(text: Annotated[str, typer.Argument(help="The sentence to look up.")],
              source: FromLang, target: ToLang,
              limit: Annotated[int, typer.Option(min=1, help="Most matches shown.")] = 5,
              json_out: JsonOut = False, workspace: WorkspaceOption = None):
    """Show the memory's best matches with their scores (exit 1 when there is none)."""
    from .proposals import memory
    from .reports import render
    with _errors_as(OutputFormat.json if json_out else OutputFormat.text):
        ws = _workspace(workspace)
        threshold = ws.settings.memory_threshold
        matches = memory.load(ws).lookup(text, source_lang=source, target_lang=target,
                                         threshold=threshold, limit=limit)
    if json_out:
        typer.echo(render.matches_json(matches))
    else:
        _say(render.matches_text(matches, source, target, threshold))
    if not matches:
        raise typer.Exit(1)


@tm_app.command("align")
def tm_align(
        paths: Annotated[list[Path], typer.Argument(
            help="The editions, in the order of the languages: SOURCE TARGET [THIRD]; files "
                 "(one document) or folders (documents paired by file name).")],
        source: FromLang,
        targets: Annotated[list[str], typer.Option(
            "--to", help="Target language; twice for three editions (--to en --to ar).")],
        output: Annotated[Optional[Path], typer.Option(
            "--output", "-o", help="The TMX to write (default: tm/aligned/NAME.LANGS.tmx in "
                                   "the workspace, where the memory reads it).")] = None,
        review_dir: Annotated[Optional[Path], typer.Option(
            "--review", help="Folder of the review files (default: align-review/ in the "
                             "workspace, else the output's folder).")] = None,
        threshold: Annotated[float, typer.Option(
            min=0.0, max=1.0, help="Confidence from which a pair goes to the memory.")] = 0.9,
        no_mt: Annotated[bool, typer.Option(
            "--no-mt", help="Do not use installed MT models as a clue.")] = False,
        workspace: WorkspaceOption = None):
    """Align published editions into translation memory; doubtful pairs go to review.
    Exit 1 when editions of different documents were refused."""
    from .commands import align as aligning
    from .commands.translate import engine
    ws = _optional_workspace(workspace)
    mt = None if no_mt else engine(ws, models=_models_folder(ws), threads=_threads())
    aligned = aligning.align(paths, langs=[source, *targets], ws=ws, output=output,
                             review=review_dir, threshold=threshold, engine=mt,
                             workers=_threads())
    for result in aligned.results:
        if result.refused:
            typer.echo(f"{result.job.name}: refused: {result.refused}")
        else:
            typer.echo(f"{result.job.name}: {len(result.sure(threshold))} to the memory, "
                       f"{len(result.doubtful(threshold))} to review, "
                       f"{len(result.unmatched())} unmatched sentence group(s)"
                       + (" (with MT drafts)" if result.machine else ""))
    for path in aligned.unpaired:
        typer.echo(f"{path}: no edition of the same name in the other folder(s)")
    if aligned.outputs:
        with ws.lock() if aligned.inside else contextlib.nullcontext():
            aligning.write(aligned)
        typer.echo(f"wrote {aligned.output} ({aligned.outputs.sure} unit(s)), "
                   f"{aligned.review_tmx} ({aligned.outputs.doubtful} to review) and "
                   f"{aligned.review_page}")
    if aligned.refused:
        raise typer.Exit(1)


# -- machine translation -------------------------------------------------------------------

@models_app.command("list")
def models_list(workspace: WorkspaceOption = None, json_out: JsonOut = False):
    """Installed packages: language pair, version, size and folder."""
    from .proposals import models
    from .reports import render
    with _errors_as(OutputFormat.json if json_out else OutputFormat.text):
        scan = models.scan(_models_folder(_optional_workspace(workspace)))
    if json_out:
        typer.echo(render.models_json(scan))
    else:
        _say(render.models_text(scan))


@models_app.command("install")
def models_install(
        file: Annotated[Optional[Path], typer.Argument(
            help="An .argosmodel file, e.g. copied from a machine with internet access.")] = None,
        from_index: Annotated[Optional[tuple[str, str]], typer.Option(
            "--from-index", metavar="FROM TO",
            help="Download the FROM→TO package from the Argos index (index in l10n.toml).")] = None,
        workspace: WorkspaceOption = None):
    """Validate and install a package; it replaces any package for the same pair."""
    from .proposals import models
    from .settings import Settings
    if (file is None) == (from_index is None):
        raise typer.BadParameter("give either a FILE or --from-index FROM TO")
    ws = _optional_workspace(workspace)
    settings = ws.settings if ws else Settings.defaults()
    folder = _models_folder(ws)
    if file is not None:
        package = models.install(folder, file, max_bytes=settings.max_package_bytes)
    else:
        package = models.install_from_index(folder, index=settings.models_index,
                                            source=from_index[0], target=from_index[1],
                                            max_bytes=settings.max_package_bytes)
    typer.echo(f"installed {package.source}→{package.target} {package.version} "
               f"in {package.path}")


@models_app.command("remove")
def models_remove(source: Annotated[str, typer.Argument(help="Source language code.")],
                  target: Annotated[str, typer.Argument(help="Target language code.")],
                  workspace: WorkspaceOption = None):
    """Delete the installed package for a language pair."""
    from .proposals import models
    for package in models.remove(_models_folder(_optional_workspace(workspace)), source, target):
        typer.echo(f"removed {package.source}→{package.target} {package.version} "
                   f"from {package.path}")


@app.command()
def translate(
        source: FromLang, target: ToLang,
        text: Annotated[Optional[str], typer.Argument(help="Text to translate.")] = None,
        file: Annotated[Optional[Path], typer.Option(
            "--file", help="Translate this document instead of TEXT.")] = None,
        output: Annotated[Optional[Path], typer.Option(
            "--output", "-o", help="Write the draft here instead of printing it.")] = None,
        beam_size: BeamSize = None, workspace: WorkspaceOption = None):
    """A one-shot machine draft: segment, translate offline, rebuild, print."""
    from .commands.translate import draft, engine
    from .files import write_atomic
    from .formats import for_path
    if (text is None) == (file is None):
        raise typer.BadParameter("give either TEXT or --file FILE")
    if file is not None and for_path(file).BINARY and output is None:
        raise typer.BadParameter(f"a {file.suffix} document cannot be printed: give --output",
                                 param_hint="--output")
    ws = _optional_workspace(workspace)
    meter = _Meter(0, "translating")
    mt = engine(ws, models=_models_folder(ws), threads=_threads(), beam_size=beam_size)
    done = draft(mt, text=text, path=file, source=source, target=target, ws=ws,
                 progress=meter)
    meter.close()
    for unit, translation in zip(done.units, done.translations):
        if translation.flags:
            typer.echo(f"l10n: line {unit.line}: check the draft: "
                       f"{', '.join(translation.flags)}", err=True)
    if output:
        write_atomic(output, done.data)
        typer.echo(f"wrote {output} ({len(done.units)} units)")
    else:
        typer.echo(done.text, nl=not done.text.endswith("\n"))


@app.command()
def pretranslate(workspace: WorkspaceOption = None, doc: Docs = None, lang: Langs = None,
                 tm_only: Annotated[bool, typer.Option(
                     "--tm-only", help="Only the translation memory, no machine translation.")
                 ] = False,
                 beam_size: BeamSize = None):
    """Fill untranslated entries, memory first then MT, as needs work (fuzzy) proposals;
    never touches a translation."""
    from .commands import pretranslate as filling
    from .commands.translate import engine
    from .proposals import machine, memory
    from .proposals.pipeline import MemoryProposer
    from .reports import render
    ws = _workspace(workspace)
    with ws.lock():
        work = filling.pending(ws, names=doc, langs=lang)
        meter = _Meter(len(work.requests), "pre-translating")
        proposers = [MemoryProposer(memory.load(ws), threshold=ws.settings.memory_threshold)]
        mt = None
        if not tm_only and work.requests:
            mt = machine.MachineProposer(
                engine(ws, models=_models_folder(ws), threads=_threads(), beam_size=beam_size),
                today=_now().date(), progress=meter,
                reviewed_english=filling.reviewed_english(ws))
            proposers.append(mt)
        filled = filling.pretranslate(work, proposers)
        meter.close()
    _say(render.pretranslate_text(filled, mt.stats if mt else None, ws.root))


class Interrupted(BaseException):
    """Ctrl-C, raised past click (which would turn it into exit 1)."""


def _interrupt(signum, frame) -> None:
    raise Interrupted


def main(argv: list[str] | None = None) -> None:
    """Entry point: user mistakes become one line on stderr and exit 2, never a traceback.

    typer itself exits 2 on usage errors and with the code of `typer.Exit`.
    """
    previous = signal.signal(signal.SIGINT, _interrupt)
    try:
        app(args=argv, prog_name="l10n")
    except L10nError as exc:
        print(f"l10n: error: {exc}", file=sys.stderr)
        sys.exit(2)
    except OSError as exc:  # the environment: a folder where a file belongs, a full disk…
        where = f"{exc.filename}: " if exc.filename else ""
        print(f"l10n: error: {where}{exc.strerror or exc}", file=sys.stderr)
        sys.exit(2)
    except Interrupted:
        print("l10n: interrupted; every file is either as it was or completely written",
              file=sys.stderr)
        sys.exit(130)
    finally:
        signal.signal(signal.SIGINT, previous)
