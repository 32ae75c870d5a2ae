#!/usr/bin/env python3
"""The HTML reports as students and instructors see them, rendered by headless Chromium.

1. `gclab check 02.1 p2 --html` on the untouched stubs. From the DOM Chromium built, the page must
   hold the total, one section per exercise, each check's outcome (`builds`: not attempted, the
   stubs earn nothing; the others failed, with what they expect) and P2's picture of the leaking
   family (an inline SVG naming Parent and Child); from Chromium's screenshot, that picture must
   actually be painted: the red of the garbage boxes (#f9d0d0) covers a visible area.
2. `gclab check p4 --against solution --html`: the chart of the measurements (gnuplot's SVG) is in
   the passed check's row, names the three settings and the collections the engine ran (CPython
   3.11's for the workload: 130/11/1, 829/138/23, 48/2/0), and its bars are painted.
3. `gclab grade <class> --html <dir>` on a class of four (alice and carol hand in 02.1's
   solution, bob a first try that still prints the stub's output, dave the stub itself): the class
   overview says that one submission handed an exercise in as the stub, counts each check's scores
   (builds: three 1s and dave's 0; output: two 4s and two 0s; matches_cpython: two 1s, two 0s), its
   histogram bars are painted, each submission is listed with its total and links to a page that
   Chromium renders: bob's, with his failed output check and a link back to the overview.

    render_in_chromium.py <gclab> <source dir> <build dir>
"""

import html.parser
import os
import shutil
import struct
import subprocess
import sys
import tempfile
import urllib.parse
import zlib

GARBAGE_RED = (0xF9, 0xD0, 0xD0)
# gnuplot's gen0 bars: #4a6fa5 at 85% opacity over white; the overview's histogram bars: #4a6fa5.
CHART_BLUE = tuple(round(0.85 * c + 0.15 * 255) for c in (0x4A, 0x6F, 0xA5))
HISTOGRAM_BLUE = (0x4A, 0x6F, 0xA5)


def chromium():
    for name in ("chromium", "chromium-browser", "google-chrome"):
        path = shutil.which(name)
        if path:
            return path
    sys.exit("Chromium is not installed (Debian package chromium; scripts/install-deps installs it)")


def run_chromium(url, *args):
    # --no-sandbox: CI containers run as root, where Chromium's own sandbox cannot start.
    command = [chromium(), "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
               "--run-all-compositor-stages-before-draw", *args, url]
    # The timeouts only guard against a hung browser: a busy 2-core machine has taken over 120 s to
    # start Chromium, so a slow start is waited for, and a stuck one retried, before the test fails.
    for attempt in (1, 2, 3):
        try:
            return subprocess.run(command, capture_output=True, text=True, timeout=240, check=True)
        except subprocess.TimeoutExpired:
            if attempt == 3:
                raise
            print(f"chromium did not finish in 240 s (attempt {attempt} of 3); trying again", file=sys.stderr)


class Page(html.parser.HTMLParser):
    """What the DOM holds: ids, classes of elements, and the text of each element kind."""

    def __init__(self):
        super().__init__()
        self.ids = {}
        self.classes = []
        self.stack = []
        self.svg_text = []
        self.buckets = {}  # id of the enclosing row -> [(data-score, data-count)]
        self.links = []    # (id of the enclosing element, href)

    def enclosing_id(self):
        return next((element_id for _, element_id in reversed(self.stack) if element_id), None)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "data-score" in attrs:
            self.buckets.setdefault(self.enclosing_id(), []).append((attrs["data-score"], int(attrs["data-count"])))
        if tag == "a" and "href" in attrs:
            self.links.append((attrs.get("id") or self.enclosing_id(), attrs["href"]))
        self.stack.append((tag, attrs.get("id")))
        if "id" in attrs:
            self.ids[attrs["id"]] = ""
        if "class" in attrs:
            self.classes.append((tag, attrs["class"]))

    def handle_endtag(self, tag):
        while self.stack:
            if self.stack.pop()[0] == tag:
                break

    def handle_data(self, data):
        for tag, element_id in self.stack:
            if element_id:
                self.ids[element_id] += data
        if any(tag == "svg" for tag, _ in self.stack):
            self.svg_text.append(data.strip())


def png_pixels(path):
    """(width, height, rows of RGB(A) tuples) of an 8-bit RGB or RGBA PNG."""
    with open(path, "rb") as f:
        data = f.read()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    pos, idat, width = 8, b"", 0
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        chunk = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            width, height, depth, color = struct.unpack(">IIBB", chunk[:10])
            assert depth == 8 and color in (2, 6), f"unexpected PNG format {depth}/{color}"
            channels = 3 if color == 2 else 4
        elif kind == b"IDAT":
            idat += chunk
        pos += 12 + length
    raw = zlib.decompress(idat)
    stride = width * channels
    rows, previous = [], bytearray(stride)
    for y in range(height):
        kind = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            left = line[i - channels] if i >= channels else 0
            up = previous[i]
            up_left = previous[i - channels] if i >= channels else 0
            if kind == 1:
                line[i] = (line[i] + left) & 0xFF
            elif kind == 2:
                line[i] = (line[i] + up) & 0xFF
            elif kind == 3:
                line[i] = (line[i] + (left + up) // 2) & 0xFF
            elif kind == 4:
                p = left + up - up_left
                pa, pb, pc = abs(p - left), abs(p - up), abs(p - up_left)
                line[i] = (line[i] + (left if pa <= pb and pa <= pc else up if pb <= pc else up_left)) & 0xFF
        rows.append(line)
        previous = line
    return width, height, channels, rows


def count_color(path, color, tolerance=6):
    width, height, channels, rows = png_pixels(path)
    n = 0
    for line in rows:
        for x in range(0, width * channels, channels):
            if all(abs(line[x + c] - color[c]) <= tolerance for c in range(3)):
                n += 1
    return n


def dom_of(url):
    page = Page()
    page.feed(run_chromium(url, "--dump-dom").stdout)
    return page


def painted(url, color, tmp, name, height=4000):
    screenshot = os.path.join(tmp, name)
    run_chromium(url, f"--screenshot={screenshot}", f"--window-size=1280,{height}")
    return count_color(screenshot, color)


def student_report(gclab, source, build, tmp, expect):
    report = os.path.join(tmp, "report.html")
    env = dict(os.environ, GCLAB_PROGRESS_FILE=os.path.join(tmp, "progress.json"))
    graded = subprocess.run([gclab, "--no-color", "--lang", "en", "--root", source, "--build-dir", build,
                             "check", "02.1", "p2", "--html", report],
                            capture_output=True, text=True, env=env, timeout=600)
    assert graded.returncode == 1, f"gclab check: exit {graded.returncode}\n{graded.stdout}{graded.stderr}"
    url = "file://" + report
    page = dom_of(url)
    expect(page.ids.get("total", "").startswith("Total "), f"the total: {page.ids.get('total')!r}")
    sections = [c for tag, c in page.classes if tag == "section"]
    expect(len(sections) == 2, f"two exercise sections, found {len(sections)}")
    expect("ex-02.1-getrefcount" in page.ids and "ex-P2-weakref-parent-child" in page.ids,
           f"a section per exercise: {sorted(i for i in page.ids if i.startswith('ex-'))}")
    expect(page.ids.get("check-P2-weakref-parent-child-cycle_removed", "").find("failed") >= 0,
           "P2's cycle_removed check shown as failed")
    expect(any(c == "check not_attempted" for _, c in page.classes), "a check not attempted (builds, of a stub)")
    expect(any(tag == "figure" for tag, _ in page.classes), "P2's picture")
    svg_words = " ".join(page.svg_text)
    expect("Parent" in svg_words and "Child" in svg_words,
           f"the picture names Parent and Child: {svg_words[:200]!r}")
    red = painted(url, GARBAGE_RED, tmp, "page.png")
    # Five boxes of at least ~60x30 pixels each are painted in the garbage red.
    expect(red > 5 * 1500, f"the picture's red boxes painted: {red} red pixels")
    return f"{len(sections)} sections, picture with {red} red pixels"


def p4_chart(gclab, source, build, tmp, expect):
    report = os.path.join(tmp, "p4.html")
    env = dict(os.environ, GCLAB_PROGRESS_FILE=os.path.join(tmp, "progress.json"))
    graded = subprocess.run([gclab, "--no-color", "--lang", "en", "--root", source, "--build-dir", build,
                             "check", "p4", "--against", "solution", "--html", report],
                            capture_output=True, text=True, env=env, timeout=600)
    assert graded.returncode == 0, f"gclab check p4: exit {graded.returncode}\n{graded.stdout}{graded.stderr}"
    url = "file://" + report
    page = dom_of(url)
    expect("passed" in page.ids.get("check-P4-gc-thresholds-experiment", ""), "P4's experiment check shown as passed")
    expect(any(tag == "figure" for tag, _ in page.classes), "P4's chart as a figure")
    words = set(page.svg_text)
    for label in ("(700, 10, 10)", "(100, 5, 5)", "(2000, 20, 20)", "130", "829", "138", "23", "48",
                  "collections per generation", "time (s)"):
        expect(label in words, f"the chart shows {label!r}: {sorted(words)[:60]}")
    blue = painted(url, CHART_BLUE, tmp, "p4.png", 2000)
    # The nine collection bars and six peak and time bars; the three tallest alone are ~50x150.
    expect(blue > 3 * 5000, f"the chart's bars painted: {blue} pixels")
    return f"P4's chart with {blue} bar pixels"


def class_pages(gclab, source, build, tmp, expect):
    exercise = "02.1-getrefcount"
    for student, side in (("alice", "solutions"), ("bob", "exercises"), ("carol", "solutions"), ("dave", "exercises")):
        folder = os.path.join(tmp, "class", student, "exercises", exercise)
        os.makedirs(folder)
        shutil.copy(os.path.join(source, side, exercise, "solution.cpp" if side == "solutions" else "exercise.cpp"),
                    os.path.join(folder, "exercise.cpp"))
    with open(os.path.join(tmp, "class", "bob", "exercises", exercise, "exercise.cpp"), "a") as first_try:
        first_try.write('\nstatic_assert(true, "a first try");\n')
    out = os.path.join(tmp, "class-html")
    graded = subprocess.run([gclab, "--no-color", "--lang", "en", "--root", source, "--build-dir", build,
                             "grade", os.path.join(tmp, "class"), "--exercise", "02.1", "--jobs", "2",
                             "--gradebook", os.path.join(tmp, "book.sqlite"), "--html", out],
                            capture_output=True, text=True, timeout=600)
    assert graded.returncode == 1, f"gclab grade: exit {graded.returncode}\n{graded.stdout}{graded.stderr}"
    index = os.path.join(out, "index.html")
    page = dom_of("file://" + index)
    expected = {
        "builds": [("0", 1), ("1", 3)],
        "output": [("0", 2), ("1", 0), ("2", 0), ("3", 0), ("4", 2)],
        "matches_cpython": [("0", 2), ("1", 2)],
    }
    for check, buckets in expected.items():
        row = f"dist-{exercise}-{check}"
        expect(page.buckets.get(row) == buckets, f"{check}'s distribution {buckets}: {page.buckets.get(row)}")
    totals = {student: page.ids.get(f"sub-{student}", "") for student in ("alice", "bob", "carol", "dave")}
    expect(all(totals[s].find("6/6") >= 0 for s in ("alice", "carol")) and totals["bob"].find("1/6") >= 0
           and totals["dave"].find("0/6") >= 0, f"the submissions and their totals: {totals}")
    expect("handed in as the stub: 1 submissions" in page.ids.get("attempts", ""),
           f"the overview flags the stub handed in: {page.ids.get('attempts')!r}")
    links = dict(page.links)
    bob_href = links.get("sub-bob")
    expect(bob_href is not None and os.path.isfile(os.path.join(out, bob_href)), f"bob's link resolves: {bob_href!r}")
    bars = painted("file://" + index, HISTOGRAM_BLUE, tmp, "index.png", 1600)
    # Bars 60 pixels tall for the most frequent score of each check, half that for one of two.
    expect(bars > 5 * 15 * 25, f"the histograms painted: {bars} pixels")
    if bob_href is None:
        return "class overview without bob's page"
    bob_url = urllib.parse.urljoin("file://" + index, bob_href)
    bob = dom_of(bob_url)
    expect(bob.ids.get("total", "") == "Total 1/6", f"bob's total: {bob.ids.get('total')!r}")
    expect("failed" in bob.ids.get(f"check-{exercise}-output", ""), "bob's output check shown as failed")
    up = dict(bob.links).get("up")
    expect(up is not None and urllib.parse.urljoin(bob_url, up) == "file://" + index, f"bob's page links back: {up!r}")
    return f"class overview with {bars} histogram pixels, bob's page"


def main():
    gclab, source, build = sys.argv[1:4]
    failures = []

    def expect(ok, what):
        if not ok:
            failures.append(what)

    with tempfile.TemporaryDirectory() as tmp:
        said = [part(gclab, source, build, tmp, expect) for part in (student_report, p4_chart, class_pages)]
    if failures:
        print("The HTML reports, rendered by Chromium, lack:\n  " + "\n  ".join(failures))
        return 1
    print("ok: " + "; ".join(said))
    return 0


if __name__ == "__main__":
    sys.exit(main())
