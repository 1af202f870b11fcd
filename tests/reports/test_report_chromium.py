"""The report page in headless Chromium: it renders offline, the Arabic document names and
texts read right to left, and a screenshot is left in the test's temporary folder."""

from __future__ import annotations

import html
import json
import re

import pytest
from reports import office
from reports.office import APPROVED, MEETING
from test_rtl_chromium import chromium

pytestmark = pytest.mark.program  # drives the real Chromium

NAME = "بيان-الرياض"
PROBE = """<pre id="l10n-probe"></pre><script>
function edges(element) {  // where the first and the last character of its text land
  const text = element.firstChild, range = document.createRange();
  range.setStart(text, 0); range.setEnd(text, 1);
  const first = range.getBoundingClientRect();
  range.setStart(text, text.length - 1); range.setEnd(text, text.length);
  const last = range.getBoundingClientRect();
  return {first: first.left, last: last.left, direction: getComputedStyle(element).direction};
}
const names = [...document.querySelectorAll("bdi.doc")].filter(e => /[\\u0600-\\u06ff]/.test(e.textContent));
const cells = [...document.querySelectorAll("td[lang=ar]")];
document.getElementById("l10n-probe").textContent = JSON.stringify({
  names: names.map(edges), cells: cells.map(edges),
  svgs: [...document.querySelectorAll("svg")].map(s => s.getBoundingClientRect().width),
});
</script>
"""


def test_the_report_renders_with_arabic_reading_right_to_left(tmp_path, run):
    root = office.build(tmp_path / "office", name=NAME)
    assert run("report", cwd=root).code == 0
    page = root / "build/report.html"
    probed = tmp_path / "probed.html"
    probed.write_text(page.read_text(encoding="utf-8").replace("</body>", PROBE + "</body>"),
                      encoding="utf-8")
    dom = chromium("--dump-dom", probed.as_uri(), profile=tmp_path / "profile")
    probe = json.loads(html.unescape(re.search(r'<pre id="l10n-probe">(.*?)</pre>', dom, re.S)[1]))
    assert len(probe["names"]) == 2 + 5  # the progress rows, the most edited units
    for name in probe["names"]:
        assert name["direction"] == "rtl" and name["first"] > name["last"]
    assert len(probe["cells"]) == 2  # proposed and approved, the one Arabic unit edited
    for cell in probe["cells"]:
        assert cell["direction"] == "rtl" and cell["first"] > cell["last"]
    assert len(probe["svgs"]) == 8 and min(probe["svgs"]) > 300
    shot = tmp_path / "report.png"
    chromium(f"--screenshot={shot}", "--window-size=1100,3400", "--hide-scrollbars",
             page.as_uri(), profile=tmp_path / "profile")
    assert shot.stat().st_size > 50_000
    print(f"screenshot: {shot}")
    assert APPROVED["ar"][MEETING] in page.read_text(encoding="utf-8")
