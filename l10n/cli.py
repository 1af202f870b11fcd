"""The `l10n` command: options, paths, printing and exit codes. No domain logic here: each
command parses its options, calls one function of the core, and prints what it returns.

Exit codes: 0 done; 1 ran fine but the answer is no (blocked, refused, a problem found);
2 usage, input or environment error.

Start-up time is part of the interface (`l10n update --check` runs at every commit): this
module imports typer and nothing else; each command imports what it needs when it runs.
"""

import contextlib
import os
import signal
import sys
from datetime import datetime
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional, get_args, get_origin

import typer
from typer.core import TyperCommand, TyperGroup

from .errors import L10nError

MODELS_ENV = "L10N_MODELS_DIR"  # overrides [models] folder
EDITOR_ENV = "L10N_EDITOR"  # the command `l10n open` runs instead of Poedit


def _writable(path: Path | None, ws, param: str) -> Path | None:
    """A file the user names for writing goes into a folder that exists, or into the
    workspace, whose folders l10n makes: a typo elsewhere is refused, not created."""
    if path is None or path.parent.is_dir() or \
            (ws is not None and path.resolve().is_relative_to(ws.root.resolve())):
        return path
    raise typer.BadParameter(f"the folder {path.parent} does not exist", param_hint=param)


# -- how typer is used -------------------------------------------------------------------

class _Value:
    """Turns an option's text into its value as typer would, without pydantic.

    typer 0.29 converts every value through a pydantic TypeAdapter: importing pydantic and
    building the adapters was 30 % of `l10n update --check`, and its refusals read like
    Python ("Value error, … does not match the formats '%Y-%m-%d'"). Our values are text,
    paths, whole numbers, dates, choices, and lists or pairs of them; anything else (the
    threshold, a float) is left to typer.
    """

    def __init__(self, convert, shape) -> None:
        self.convert, self.shape = convert, shape

    @classmethod
    def of(cls, param) -> "_Value | None":
        annotation = param.type_descriptor.annotation
        info = param.type_descriptor.parameter_info
        shape = get_origin(annotation) if get_origin(annotation) in (list, tuple) else None
        items = get_args(annotation) if shape else (annotation,)
        convert = [_converter(item, info) for item in items]
        return None if None in convert else cls(convert, shape)

    def coerce(self, value, param, ctx):
        """typer's RuntimeParam.coerce, for these types."""
        if value is None:
            return () if param.multiple or param.nargs == -1 else None
        if self.shape is list:
            return [self.convert[0](item, param, ctx) for item in value]
        if self.shape is tuple:
            return tuple(c(item, param, ctx) for c, item in zip(self.convert, value))
        return self.convert[0](value, param, ctx)


def _converter(annotation, info):
    """The conversion of one value of type `annotation`, or None for a type not ours."""
    if annotation is str:
        return lambda value, param, ctx: str(value)
    if annotation is Path:
        def path(value, param, ctx):
            if "\0" in str(value):  # no system call takes it
                raise typer.BadParameter(f"“{value}” is not a path: it holds a NUL character",
                                         ctx, param)
            return Path(value)
        return path
    if annotation is bool:
        return lambda value, param, ctx: bool(value)
    if annotation is int:
        import re
        digits = re.compile(r"[+-]?[0-9]+(?:_[0-9]+)*(?:\.0+)?")  # as pydantic reads them

        def whole(value, param, ctx):
            if not digits.fullmatch(str(value).strip()):
                raise typer.BadParameter(f"“{value}” is not a whole number", ctx, param)
            number = int(str(value).strip().partition(".")[0])
            if (info.min is not None and number < info.min) or \
                    (info.max is not None and number > info.max):
                span = f"from {info.min} to {info.max}" if info.max is not None \
                    else f"at least {info.min}"
                raise typer.BadParameter(f"{number} is out of range: {span}", ctx, param)
            return number
        return whole
    if annotation is datetime and info.formats:
        def date(value, param, ctx):
            for form in info.formats:
                try:
                    return datetime.strptime(str(value), form)
                except ValueError:
                    continue
            example = datetime(2026, 11, 30).strftime(info.formats[0])
            raise typer.BadParameter(f"“{value}” is not a date like {example}", ctx, param)
        return date
    if isinstance(annotation, type) and issubclass(annotation, Enum):
        def choice(value, param, ctx):
            for member in annotation:
                if value in (member, member.value):
                    return member
            names = ", ".join(m.value for m in annotation)
            raise typer.BadParameter(f"“{value}” is not one of {names}", ctx, param)
        return choice
    return None


class _Command(TyperCommand):
    """A command whose values are converted by `_Value` and whose help is plain: each
    option with the name of its value (DIR, NAME, LANG, N) and its default, never a
    Python type (typer 0.29 prints `<list[str]>`, `<path>`, `<bool>`)."""

    def parse_args(self, ctx, args):
        _convert_plainly(self.get_params(ctx))  # with the help option, made on demand
        return super().parse_args(ctx, args)

    def collect_usage_pieces(self, ctx):
        return [self.options_metavar, *(_argument(p) for p in self.params
                                        if p.param_type_name == "argument")]

    def format_options(self, ctx, formatter) -> None:
        _format_params(self, ctx, formatter)


class _Group(TyperGroup):
    """A group of commands, with the same plain help; command summaries are never cut."""

    def parse_args(self, ctx, args):
        _convert_plainly(self.get_params(ctx))  # typer adds completion and help options late
        return super().parse_args(ctx, args)

    def format_options(self, ctx, formatter) -> None:
        _format_params(self, ctx, formatter)
        rows = [(name, command.get_short_help_str(limit=1000))
                for name, command in self.commands.items() if not command.hidden]
        with formatter.section("Commands"):
            formatter.write_dl(rows)


def _convert_plainly(params) -> None:
    """`_Value` in the slot where typer builds its converter on first use. A typer without
    this slot keeps its own conversion: correct, only slower to start (a test says so)."""
    for param in params:
        if getattr(param, "_runtime_param", False) is None:
            param._runtime_param = _Value.of(param)


def _argument(param) -> str:
    name = (param.metavar or param.name.upper()) + ("..." if param.nargs != 1 else "")
    return name if param.required else f"[{name}]"


def _format_params(command, ctx, formatter) -> None:
    sections = {"Arguments": [], "Options": []}
    for param in command.get_params(ctx):
        if param.hidden:
            continue
        if param.param_type_name == "argument":
            sections["Arguments"].append((_argument(param), param.help or ""))
            continue
        names = ", ".join(sorted(param.opts, key=len))
        if not param.is_flag:
            names += " " + (param.metavar or param.name.upper())
        text = param.help or ""
        shown = param.default.value if isinstance(param.default, Enum) else param.default
        if param.required:
            text = f"{text.rstrip('.')} (required)."
        elif not param.is_flag and shown not in (None, (), []) and "default" not in text:
            text = f"{text.rstrip('.')} (default: {shown})."
        sections["Options"].append((names, text))
    for title, rows in sections.items():
        if rows:
            with formatter.section(title):
                formatter.write_dl(rows)


class _App(typer.Typer):
    """typer's app, making `_Command`s with plain help (no rich) and a plain traceback for
    what is a bug (an `L10nError` is never one: `main` prints it in one line)."""

    def __init__(self, **kwargs) -> None:
        super().__init__(cls=_Group, rich_markup_mode=None, pretty_exceptions_enable=False,
                         no_args_is_help=True, **kwargs)

    def command(self, *args, **kwargs):
        return super().command(*args, cls=_Command, **kwargs)


def _complete_documents(ctx: typer.Context, incomplete: str) -> list[str]:
    """The workspace's document names, for shell completion."""
    folder = ctx.params.get("workspace") or ctx.find_root().params.get("workspace")
    try:
        return [d.name for d in _workspace(folder).documents() if d.name.startswith(incomplete)]
    except L10nError:
        return []


def _complete_languages(incomplete: str) -> list[str]:
    from .languages import CODES
    return [code for code in CODES if code.startswith(incomplete)]


WorkspaceOption = Annotated[Optional[Path], typer.Option(
    "--workspace", "-w", metavar="DIR",
    help="The workspace folder, holding l10n.toml (default: found from the current folder "
         "up; may also come before the command).")]
Docs = Annotated[Optional[list[str]], typer.Option(
    "--doc", metavar="NAME", autocompletion=_complete_documents,
    help="Only this document: its path under sources/<lang>/ without extension; "
         "repeatable (default: every document).")]
Langs = Annotated[Optional[list[str]], typer.Option(
    "--lang", metavar="LANG", autocompletion=_complete_languages,
    help="Only this target language: fr, ar or en; repeatable (default: every target).")]
JsonOut = Annotated[bool, typer.Option("--json", help="Print JSON instead of text.")]
FromLang = Annotated[str, typer.Option("--from", metavar="LANG",
                                       autocompletion=_complete_languages,
                                       help="Source language: fr, ar or en.")]
ToLang = Annotated[str, typer.Option("--to", metavar="LANG", autocompletion=_complete_languages,
                                     help="Target language: fr, ar or en.")]
BeamSize = Annotated[Optional[int], typer.Option(
    "--beam-size", metavar="N", min=1, max=16,
    help="Beam width of machine translation, 1 (fastest) to 16 (default: beam_size in "
         "l10n.toml, 4).")]


class OutputFormat(str, Enum):
    text = "text"
    json = "json"
    github = "github"
    junit = "junit"


app = _App(add_completion=True, context_settings={"help_option_names": ["-h", "--help"]},
           help="Offline localization of communiqués through gettext PO files.")
tm_app = _App(help="The translation memory: import and export TMX, look sentences up.")
app.add_typer(tm_app, name="tm")
glossary_app = _App(help="The workspace glossary (glossary.csv).")
app.add_typer(glossary_app, name="glossary")
models_app = _App(help="Offline MT models: Argos Translate packages (folder: "
                  f"${MODELS_ENV}, else [models] folder in l10n.toml, else Argos's own).")
app.add_typer(models_app, name="models")


def _version(value: bool) -> None:
    if value:
        from . import __version__
        typer.echo(f"l10n {__version__}")
        raise typer.Exit()


@app.callback()
def _root(ctx: typer.Context, workspace: WorkspaceOption = None,
          version: Annotated[bool, typer.Option(
              "--version", is_eager=True, callback=_version,
              help="Print l10n's version and exit.")] = False) -> None:
    if workspace is not None:  # l10n -w DIR COMMAND: the default of every --workspace
        ctx.default_map = _defaults(ctx.command, workspace)


def _defaults(group, workspace: Path) -> dict:
    """click's default_map giving every command under `group` this workspace."""
    return {name: _defaults(command, workspace) if isinstance(command, TyperGroup)
            else {"workspace": workspace} for name, command in group.commands.items()}


# -- shared helpers ----------------------------------------------------------------------

def _workspace(folder: Path | None):
    from .workspace import Workspace
    return Workspace.open(folder)


def _optional_workspace(folder: Path | None):
    """The workspace named or found from here, or None outside any workspace."""
    from .settings import find_root
    if folder is None:
        try:
            folder = find_root(Path.cwd())
        except L10nError:
            return None
    return _workspace(folder)


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


def _now():
    from datetime import datetime, timezone
    return datetime.now(timezone.utc)


def _color() -> bool:
    return sys.stdout.isatty() and "NO_COLOR" not in os.environ


def _meter(label: str):
    """Progress on stderr for work that lasts (see reports.progress)."""
    from .reports.progress import Meter
    return Meter(label, stream=sys.stderr)


def _say(lines: list[str]) -> None:
    if lines:
        typer.echo("\n".join(lines))  # one write: echo costs microseconds per call


def _next(line: str | None) -> None:
    """The last line of a command's report: what to do next, when something is left."""
    if line:
        typer.echo(line)


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
        typer.echo(render.error(_from_here(exc), output.value))
        raise typer.Exit(2) from None


def _from_here(exc: L10nError) -> L10nError:
    """The error with its file named from the current folder when it is below it, as
    `check` names files and as a GitHub annotation needs them."""
    if exc.path is not None and Path(exc.path).is_absolute():
        with contextlib.suppress(ValueError):
            exc.path = Path(exc.path).relative_to(Path.cwd())
    return exc


def _unreadable(result, root: Path) -> None:
    """After a report, each file it could not read, as an error line; then exit 2."""
    from .reports import render
    broken = [p for item in result.items for p in item.problems if p.check == "input"]
    for problem in dict.fromkeys(broken):
        typer.echo(f"l10n: error: {render.location(problem, root)}: {problem.message}", err=True)
    if broken:
        raise typer.Exit(2)


# -- workspace commands ------------------------------------------------------------------

@app.command()
def init(workspace: Annotated[Path, typer.Argument(
        metavar="DIR", help="The folder to make a workspace (default: the current folder).")
         ] = Path(".")):
    """Create l10n.toml, sources/ and translations/ (existing files are left alone)."""
    from .commands.init import init as create
    from .reports import advice
    created = create(workspace)
    _say([f"created {p}" for p in created] or [f"{workspace} is already a workspace"])
    _next(advice.init())


@app.command()
def update(workspace: WorkspaceOption = None, doc: Docs = None,
           prune: Annotated[bool, typer.Option(
               "--prune", help="Delete PO files whose source is gone.")] = False,
           check: Annotated[bool, typer.Option(
               "--check", help="Write nothing; exit 1 if a PO file is out of date with its "
                               "source (for pre-commit and CI).")] = False):
    """Cut every source into units and create or merge its PO files, as msgmerge does."""
    if prune and doc:
        raise typer.BadParameter("it deletes the PO files of every document whose source is "
                                 "gone: run it without --doc", param_hint="'--prune'")
    from .commands.update import update as run
    from .reports import render
    ws = _workspace(workspace)
    with contextlib.nullcontext() if check else ws.lock(), _meter("update") as meter:
        result = run(ws, now=_now(), prune=prune, names=doc, check=check, workers=_threads(),
                     progress=meter)
    _warn(result.warnings)
    _say(render.update_text(result, ws.root, check=check))
    if check:
        if result.written:
            raise typer.Exit(1)
        return
    from .reports import advice
    _next(advice.after_update(len(result.written)))


@app.command()
def status(workspace: WorkspaceOption = None, doc: Docs = None, lang: Langs = None,
           json_out: JsonOut = False,
           changes: Annotated[bool, typer.Option(
               "--changes", help="Also list the units whose source changed since review, "
                                 "with what changed.")] = False):
    """What is left before publication, per document and language."""
    from . import gate
    from .reports import advice, render
    with _errors_as(OutputFormat.json if json_out else OutputFormat.text):
        ws = _workspace(workspace)
        result = gate.review(ws, names=doc, langs=lang, workers=_threads())
    if json_out:
        typer.echo(render.status_json(result, ws.root, changes=changes))
        _unreadable(result, ws.root)
        return
    import shutil

    from .reports.table import status_table
    _say(status_table(result, ws.root, color=_color(), terminal=sys.stdout.isatty(),
                      width=shutil.get_terminal_size().columns))
    if changes:
        _say(render.changes_text(result, ws.root))
    _say(render.leftovers_text(result, ws.root))
    _unreadable(result, ws.root)
    _next(advice.after_gate(result))


@app.command()
def check(workspace: WorkspaceOption = None, doc: Docs = None, lang: Langs = None,
          format: Annotated[Optional[OutputFormat], typer.Option(
              "--format", metavar="FORMAT",
              help="text, json, github or junit (default: github under GitHub Actions, "
                   "else text).")] = None):
    """The publication gate: exit 0 when every required translation is ready, 1 when not."""
    from . import gate
    from .reports import advice, render
    chosen = format or (OutputFormat.github if os.environ.get("GITHUB_ACTIONS") == "true"
                        else OutputFormat.text)
    with _errors_as(chosen):
        ws = _workspace(workspace)
        result = gate.review(ws, names=doc, langs=lang, workers=_threads())
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
    if chosen is OutputFormat.text:
        _next(advice.after_gate(result))
    if result.blocked:
        raise typer.Exit(1)


class ReportFormat(str, Enum):
    html = "html"
    json = "json"


@app.command()
def report(workspace: WorkspaceOption = None,
           output: Annotated[Optional[Path], typer.Option(
               "--output", "-o", metavar="FILE",
               help="The file to write (default: build/report.html; JSON goes to stdout).")
           ] = None,
           since: Annotated[Optional[datetime], typer.Option(
               formats=["%Y-%m-%d"], metavar="DATE",
               help="Pace and post-editing from this date on.")] = None,
           format: Annotated[ReportFormat, typer.Option(
               "--format", metavar="FORMAT",
               help="html (one self-contained page with charts) or json.")] = ReportFormat.html):
    """Progress, where translations came from, post-editing effort, QA findings and pace,
    on one page for the head of the office."""
    from .commands.report import report as run
    from .files import write_atomic
    as_json = format is ReportFormat.json
    with _errors_as(OutputFormat.json if as_json else OutputFormat.text):
        ws = _workspace(workspace)
        _writable(output, ws, "'--output'")
        data = run(ws, now=_now(), since=since.date() if since else None, workers=_threads())
    if as_json:
        import json
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


@app.command()
def build(workspace: WorkspaceOption = None, doc: Docs = None, lang: Langs = None,
          allow_partial: Annotated[bool, typer.Option(
              "--allow-partial", help="Also write documents that are not ready, keeping the "
                                      "source text where a translation may not be published."
          )] = False):
    """Write the finished editions of the documents that are ready under build/<lang>/."""
    from .commands.build import build as run
    from .reports import advice, render
    ws = _workspace(workspace)
    with ws.lock(), _meter("build") as meter:
        results = run(ws, partial=allow_partial, names=doc, langs=lang, workers=_threads(),
                      progress=meter)
    _say(render.build_text(results, ws.root))
    _next(advice.after_build(results))
    if any(r.outcome == "refused" for r in results):
        raise typer.Exit(1)


def _approver(by: str | None) -> str:
    """Who approves: --by, else git's user.name, else the login name (asked only once
    there is something to approve)."""
    import subprocess
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


def _complete_origins(incomplete: str) -> list[str]:
    return [o for o in ("changed", "memory", "machine", "unknown") if o.startswith(incomplete)]


@app.command()
def approve(entries: Annotated[Optional[list[str]], typer.Argument(
                metavar="PO:LINE",
                help="Entries to approve, as `l10n check` names them (even with QA errors).")
            ] = None,
            workspace: WorkspaceOption = None, doc: Docs = None, lang: Langs = None,
            origin: Annotated[Optional[str], typer.Option(
                "--origin", metavar="ORIGIN", autocompletion=_complete_origins,
                help="Only entries of this origin: changed, memory, machine, or unknown "
                     "(marked needs work by hand).")] = None,
            exact: Annotated[bool, typer.Option(
                "--exact", help="Only exact memory matches.")] = False,
            all_: Annotated[bool, typer.Option(
                "--all", help="Every needs-review entry of the workspace.")] = False,
            dry_run: Annotated[bool, typer.Option(
                "--dry-run", help="Show what would be approved; write nothing.")] = False,
            by: Annotated[Optional[str], typer.Option(
                "--by", metavar="NAME",
                help="Who approves (default: git's user.name, else your login name).")] = None):
    """Mark needs-review entries reviewed, on your explicit say-so; records who."""
    from .commands.approve import approve as run
    from .reports import advice, render
    if not (entries or doc or lang or origin or all_):
        raise typer.BadParameter("say what to approve: PO:LINE, --doc, --lang, --origin, or "
                                 "--all for the whole workspace", param_hint="scope")
    ws = _workspace(workspace)
    named = [_entry(item) for item in entries or ()]
    who = (lambda: by or "") if dry_run else (lambda: _approver(by))  # a dry run writes no name
    with contextlib.nullcontext() if dry_run else ws.lock():
        approvals = run(ws, by=who, origin=origin, exact=exact, names=doc, langs=lang,
                        named=named, dry_run=dry_run)
    _say(render.approve_text(approvals, ws.root, dry_run=dry_run))
    if not any(a.entries for a in approvals):
        from . import gate
        held = sum(len(a.held) for a in approvals)
        typer.echo(render.nothing_to_approve(gate.review(ws, names=doc, langs=lang),
                                             origin=origin, exact=exact, held=held))
    _next(advice.after_approve(approvals, dry_run=dry_run))


def _entry(text: str) -> tuple[Path, int]:
    path, _, line = text.rpartition(":")
    if not path or not line.isdigit():
        raise typer.BadParameter(f"“{text}” is not PO:LINE (e.g. translations/en/a.po:18)",
                                 param_hint="PO:LINE")
    return Path(path), int(line)


@app.command("open")
def open_(doc: Annotated[str, typer.Argument(
              metavar="DOC", autocompletion=_complete_documents,
              help="The document: its path under sources/<lang>/ without extension.")],
          lang: Annotated[Optional[str], typer.Option(
              "--lang", metavar="LANG", autocompletion=_complete_languages,
              help="Its translation to open: fr, ar or en (default: its only target "
                   "language, when it has one).")] = None,
          workspace: WorkspaceOption = None):
    """Open a document's PO file in Poedit (or $L10N_EDITOR), updated from its source
    first."""
    from .commands.update import update as run
    from .reports import render
    from .workspace import find
    ws = _workspace(workspace)
    (document,) = find(ws.documents(), [doc])
    target = lang or (document.targets[0] if len(document.targets) == 1 else None)
    if target not in document.targets:
        raise typer.BadParameter(f"say which translation of {doc}: --lang "
                                 + " or --lang ".join(document.targets), param_hint="--lang")
    with ws.lock():
        result = run(ws, now=_now(), names=[doc], workers=1)
    _warn(result.warnings)
    _say(render.update_text(result, ws.root)[:-1] if result.written else [])
    _edit(ws.po_path(doc, target), ws.relative(ws.po_path(doc, target)))


def _edit(po: Path, shown: str) -> None:
    """Run $L10N_EDITOR on the file and wait for it (as git waits for $EDITOR), or start
    Poedit beside the terminal."""
    import shlex
    import shutil
    import subprocess
    editor = os.environ.get(EDITOR_ENV)
    if editor:
        command = [*shlex.split(editor), str(po)]
        typer.echo(f"opening {shown} with {command[0]}")
        try:
            code = subprocess.run(command).returncode
        except OSError as exc:
            raise L10nError(f"cannot run {command[0]}: {exc.strerror}",
                            hint=f"${EDITOR_ENV} names the editor's command") from None
        if code:
            raise L10nError(f"{command[0]} exited with status {code}", path=shown)
        return
    poedit = shutil.which("poedit")
    if poedit:
        command = [poedit, str(po)]
    elif sys.platform == "darwin" and Path("/Applications/Poedit.app").exists():
        command = ["open", "-a", "Poedit", str(po)]
    else:
        raise L10nError("Poedit is not installed", path=shown,
                        hint=f"install it (https://poedit.net), or set {EDITOR_ENV} to your "
                             "editor's command")
    subprocess.Popen(command, start_new_session=True, stdin=subprocess.DEVNULL,
                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    typer.echo(f"opened {shown} in Poedit")


@app.command()
def doctor(workspace: WorkspaceOption = None):
    """Check this machine and the workspace: gettext, a model for each translation
    direction, the workspace lock, caches, PO files. Exit 1 on a problem."""
    from .commands.doctor import diagnose
    from .reports import render
    folder = Path(os.environ[MODELS_ENV]) if os.environ.get(MODELS_ENV) else None
    found = diagnose(workspace, models=folder, editor=os.environ.get(EDITOR_ENV))
    _say(render.doctor_text(found))
    if any(d.state == "problem" for d in found):
        raise typer.Exit(1)


@glossary_app.command("check")
def glossary_check(workspace: WorkspaceOption = None, doc: Docs = None, lang: Langs = None):
    """List translations that disagree with the glossary; exit 1 when there are any (a
    warning, such as a full form repeated where the short one is house style, is listed
    without failing)."""
    from . import gate
    from .reports import render
    ws = _workspace(workspace)
    result = gate.review(ws, names=doc, langs=lang, workers=_threads())
    found = [p for item in result.items for p in item.problems
             if p.check in ("glossary", "glossary-repeat")]
    errors = [p for p in found if p.severity == "error"]
    for problem in found:
        warning = "warning: " if problem.severity == "warning" else ""
        typer.echo(f"{render.location(problem, ws.root)}: {warning}{problem.message}")
    _unreadable(result, ws.root)  # before the count: an unread glossary or PO is no "0"
    typer.echo(f"{len(errors)} glossary disagreement(s)"
               + (f", {len(found) - len(errors)} warning(s)" if len(found) > len(errors) else ""))
    if errors:
        raise typer.Exit(1)


@glossary_app.command("import")
def glossary_import(file: Annotated[Path, typer.Argument(
                        metavar="FILE.tbx",
                        help="A TBX-Basic file (TBX v3, or the v2 <martif> form).")],
                    replace: Annotated[bool, typer.Option(
                        help="Overwrite a glossary.csv that holds other terms.")] = False,
                    workspace: WorkspaceOption = None):
    """Write the concepts of a TBX file as the workspace's glossary.csv (commit it)."""
    from .glossary import tbx
    ws = _workspace(workspace)
    with ws.lock():
        done = tbx.import_file(ws.glossary_path, file, replace=replace)
    count = f"{len(done.base.terms)} concept(s)"
    _say([f"{done.path.name} already holds the {count} of {file}" if done.unchanged
          else f"imported {count} from {file} into {done.path.name}"]
         + ([f"left out: terms in {', '.join(done.base.other_languages)}"]
            if done.base.other_languages else [])
         + ([f"left out: {done.base.skipped} concept(s) with no term in fr, en or ar"]
            if done.base.skipped else []))


@glossary_app.command("export")
def glossary_export(file: Annotated[Path, typer.Argument(
                        metavar="FILE.tbx",
                        help="The TBX file to write.")],
                    tbx2: Annotated[bool, typer.Option(
                        "--tbx2", help="Write TBX v2 (<martif>) for CAT tools that do not "
                                       "read TBX v3.")] = False,
                    workspace: WorkspaceOption = None):
    """Write glossary.csv as a TBX-Basic term base for CAT tools."""
    from .glossary import tbx
    ws = _workspace(workspace)
    _writable(file, ws, "FILE.tbx")
    count = tbx.export_file(ws.glossary_path, file, version=2 if tbx2 else 3)
    typer.echo(f"exported {count} concept(s) to {file} (TBX-Basic, TBX v{2 if tbx2 else 3})")


@app.command()
def segment(file: Annotated[Path, typer.Argument(metavar="FILE", help="A source document.")],
            lang: Annotated[str, typer.Option(
                "--lang", metavar="LANG", autocompletion=_complete_languages,
                help="Its language: fr, ar or en.")],
            json_out: JsonOut = False, workspace: WorkspaceOption = None):
    """Show how a document is cut into units."""
    import json

    from .commands.translate import segment as cut
    with _errors_as(OutputFormat.json if json_out else OutputFormat.text):
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
def tm_import(files: Annotated[list[Path], typer.Argument(
                  metavar="FILE", help="TMX files to copy into tm/.")],
              workspace: WorkspaceOption = None):
    """Check TMX files and copy them into tm/ (commit it), where the memory reads them."""
    from .proposals import memory
    from .reports import render
    ws = _workspace(workspace)
    with ws.lock(), _meter("tm import") as meter:
        imported = memory.import_tmx(ws, files, progress=meter)
    for one in imported:
        _say(render.imported_text(one, ws.root))


@tm_app.command("export")
def tm_export(file: Annotated[Path, typer.Argument(metavar="FILE",
                                                   help="The TMX file to write.")],
              source: FromLang, target: ToLang, workspace: WorkspaceOption = None):
    """Write the memory's pairs for one direction as a TMX 1.4b file."""
    from .proposals import memory
    ws = _workspace(workspace)
    _writable(file, ws, "FILE")
    count = memory.export_tmx(memory.load(ws), file, source_lang=source, target_lang=target)
    typer.echo(f"exported {count} pair{'' if count == 1 else 's'} {source}→{target} to {file}")


@tm_app.command("lookup")
def tm_lookup(text: Annotated[str, typer.Argument(metavar="TEXT",
                                                  help="The sentence to look up.")],
              source: FromLang, target: ToLang,
              limit: Annotated[int, typer.Option("--limit", metavar="N", min=1,
                                                 help="Most matches shown.")] = 5,
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
            metavar="SOURCE TARGET [THIRD]",
            help="The editions, in the order of the languages: files (one document) or "
                 "folders (documents paired by file name).")],
        source: FromLang,
        targets: Annotated[list[str], typer.Option(
            "--to", metavar="LANG", autocompletion=_complete_languages,
            help="Target language; twice for three editions (--to en --to ar).")],
        output: Annotated[Optional[Path], typer.Option(
            "--output", "-o", metavar="FILE",
            help="The TMX to write (default: tm/aligned/NAME.LANGS.tmx in the workspace, "
                 "where the memory reads it).")] = None,
        review_dir: Annotated[Optional[Path], typer.Option(
            "--review", metavar="DIR", help="Folder of the review files (default: "
                                            "align-review/ in the workspace, else the "
                                            "output's folder).")] = None,
        threshold: Annotated[float, typer.Option(
            metavar="CONFIDENCE", min=0.0, max=1.0,
            help="Confidence (0 to 1) from which a pair goes to the memory.")] = 0.9,
        no_mt: Annotated[bool, typer.Option(
            "--no-mt", help="Do not use installed MT models as a clue.")] = False,
        workspace: WorkspaceOption = None):
    """Align published editions into translation memory; doubtful pairs go to review.
    Exit 1 when editions of different documents were refused."""
    from .commands import align as aligning
    from .commands.translate import engine
    ws = _optional_workspace(workspace)
    _writable(output, ws, "'--output'")
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
            metavar="FILE",
            help="An .argosmodel file, e.g. copied from a machine with internet access.")
        ] = None,
        from_index: Annotated[Optional[tuple[str, str]], typer.Option(
            "--from-index", metavar="FROM TO",
            help="Download the FROM→TO package from the Argos index ([models] index in "
                 "l10n.toml).")] = None,
        workspace: WorkspaceOption = None):
    """Validate and install a package; it replaces any package for the same pair."""
    from .proposals import models
    from .settings import Settings
    if (file is None) == (from_index is None):
        raise typer.BadParameter("give either a FILE or --from-index FROM TO")
    ws = _optional_workspace(workspace)
    settings = ws.settings if ws else Settings.defaults()
    folder = _models_folder(ws)
    with _meter("models install") as meter:
        if file is not None:
            package = models.install(folder, file, max_bytes=settings.max_package_bytes,
                                     progress=meter)
        else:
            package = models.install_from_index(folder, index=settings.models_index,
                                                source=from_index[0], target=from_index[1],
                                                max_bytes=settings.max_package_bytes,
                                                progress=meter)
    typer.echo(f"installed {package.source}→{package.target} {package.version} "
               f"in {package.path}")


@models_app.command("remove")
def models_remove(source: Annotated[str, typer.Argument(metavar="FROM",
                                                        help="Source language code.")],
                  target: Annotated[str, typer.Argument(metavar="TO",
                                                        help="Target language code.")],
                  workspace: WorkspaceOption = None):
    """Delete the installed package for a language pair."""
    from .proposals import models
    for package in models.remove(_models_folder(_optional_workspace(workspace)), source, target):
        typer.echo(f"removed {package.source}→{package.target} {package.version} "
                   f"from {package.path}")


@app.command()
def translate(
        source: FromLang, target: ToLang,
        text: Annotated[Optional[str], typer.Argument(
            metavar="TEXT", help="Text to translate (or --file).")] = None,
        file: Annotated[Optional[Path], typer.Option(
            "--file", metavar="FILE", help="Translate this document instead of TEXT.")] = None,
        output: Annotated[Optional[Path], typer.Option(
            "--output", "-o", metavar="FILE",
            help="Write the draft to FILE (default: print it).")] = None,
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
    _writable(output, ws, "'--output'")
    mt = engine(ws, models=_models_folder(ws), threads=_threads(), beam_size=beam_size)
    with _meter("translate") as meter:
        done = draft(mt, text=text, path=file, source=source, target=target, ws=ws,
                     progress=lambda n: meter.add("units", n, 0))
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
    """Fill untranslated entries, memory first then machine translation, as needs work
    (fuzzy) proposals; never touches a translation."""
    from .commands import pretranslate as filling
    from .commands.translate import engine
    from .proposals import machine, memory
    from .proposals.pipeline import MemoryProposer
    from .reports import advice, render
    ws = _workspace(workspace)
    with ws.lock(), _meter("pretranslate") as meter:
        work = filling.pending(ws, names=doc, langs=lang)
        total = len(work.requests)
        proposers = [MemoryProposer(memory.load(ws), threshold=ws.settings.memory_threshold)]
        mt = None
        if not tm_only and work.requests:
            mt = machine.MachineProposer(
                engine(ws, models=_models_folder(ws), threads=_threads(), beam_size=beam_size),
                today=_now().date(), progress=lambda n: meter.add("units", n, total),
                reviewed_english=filling.reviewed_english(ws))
            proposers.append(mt)
        filled = filling.pretranslate(work, proposers)
    _say(render.pretranslate_text(filled, mt.stats if mt else None, ws.root))
    _next(advice.after_pretranslate(filled))


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
        print(f"l10n: error: {_from_here(exc)}", file=sys.stderr)
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
