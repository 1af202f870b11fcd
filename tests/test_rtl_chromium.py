"""The Arabic build of the sample page, rendered by headless Chromium, reads right to left.

A small script in the page measures where words land and writes the figures into the DOM,
which `--dump-dom` returns; a screenshot is saved in the test's temporary folder.
"""

from __future__ import annotations

import html
import json
import re
import subprocess

import pytest
from support import require_tool
from test_web_workflow import SAMPLE, sample_workspace

pytestmark = pytest.mark.program  # drives the real Chromium

PROBE = """<pre id="l10n-probe"></pre><script>
function left(element, word) {
  const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const at = node.data.indexOf(word);
    if (at >= 0) {
      const range = document.createRange();
      range.setStart(node, at);
      range.setEnd(node, at + word.length);
      return range.getBoundingClientRect().left;
    }
  }
  return null;
}
const dateline = document.querySelector(".dateline");
const words = dateline.textContent.trim().split(/\\s+/);
const contact = document.querySelector(".contact");
document.getElementById("l10n-probe").textContent = JSON.stringify({
  direction: getComputedStyle(document.body).direction,
  first: left(dateline, words[0]), last: left(dateline, words[words.length - 1]),
  plus: left(contact, "+966"), tail: left(contact, "5678"),
  mail: left(contact, "media@"), org: left(contact, "imctc.org"),
  label: left(contact, words.length ? "للتواصل" : ""),
});
</script>
"""


def chromium(*args: str, profile) -> str:
    browser = require_tool("chromium")
    command = [browser, "--headless", "--no-sandbox", "--disable-gpu",
               "--disable-background-networking", "--disable-component-update",
               "--no-first-run", f"--user-data-dir={profile}", *args]
    done = subprocess.run(command, capture_output=True, text=True, timeout=180)
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


def test_arabic_page_renders_right_to_left_with_ltr_runs_in_order(tmp_path, run):
    root = sample_workspace(tmp_path / "workspace")
    assert run("build", "--doc", SAMPLE, "--lang", "ar", cwd=root).code == 0
    built = (root / f"build/ar/{SAMPLE}.html").read_text()
    page = tmp_path / "ar.html"
    page.write_text(built.replace("</body>", PROBE + "</body>"))
    dom = chromium("--dump-dom", page.as_uri(), profile=tmp_path / "profile")
    probe = json.loads(html.unescape(re.search(r'<pre id="l10n-probe">(.*?)</pre>', dom, re.S)[1]))
    assert probe["direction"] == "rtl"
    assert probe["first"] > probe["last"]  # "الرياض،" at the right, "2021م" at the left
    assert probe["label"] > probe["mail"]  # the Arabic label starts the line, on the right
    assert probe["plus"] < probe["tail"]  # the phone number still reads +966 … 5678
    assert probe["mail"] < probe["org"]  # and the e-mail address left to right
    shot = tmp_path / "ar.png"
    chromium(f"--screenshot={shot}", "--window-size=1000,1300", "--hide-scrollbars",
             (root / f"build/ar/{SAMPLE}.html").as_uri(), profile=tmp_path / "profile")
    assert shot.stat().st_size > 10_000
