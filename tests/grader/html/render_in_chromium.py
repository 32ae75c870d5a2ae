#!/usr/bin/env python3
"""The HTML report as a student sees it: `gclab check 02.1 p2 --html` on the untouched stubs,
rendered by headless Chromium. From the DOM Chromium built, the page must hold the total, one
section per exercise, each check's outcome and P2's picture of the leaking family (an inline SVG
naming Parent and Child); from Chromium's screenshot, that picture must actually be painted: the
red of the garbage boxes (#f9d0d0) covers a visible area.

    render_in_chromium.py <gclab> <source dir> <build dir>
"""

import html.parser
import os
import shutil
import struct
import subprocess
import sys
import tempfile
import zlib

GARBAGE_RED = (0xF9, 0xD0, 0xD0)


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
    return subprocess.run(command, capture_output=True, text=True, timeout=120, check=True)


class Page(html.parser.HTMLParser):
    """What the DOM holds: ids, classes of elements, and the text of each element kind."""

    def __init__(self):
        super().__init__()
        self.ids = {}
        self.classes = []
        self.stack = []
        self.svg_text = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
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


def main():
    gclab, source, build = sys.argv[1:4]
    with tempfile.TemporaryDirectory() as tmp:
        report = os.path.join(tmp, "report.html")
        env = dict(os.environ, GCLAB_PROGRESS_FILE=os.path.join(tmp, "progress.json"))
        graded = subprocess.run([gclab, "--no-color", "--lang", "en", "--root", source, "--build-dir", build,
                                 "check", "02.1", "p2", "--html", report],
                                capture_output=True, text=True, env=env, timeout=600)
        assert graded.returncode == 1, f"gclab check: exit {graded.returncode}\n{graded.stdout}{graded.stderr}"
        url = "file://" + report

        dom = run_chromium(url, "--dump-dom").stdout
        page = Page()
        page.feed(dom)
        failures = []

        def expect(ok, what):
            if not ok:
                failures.append(what)

        expect(page.ids.get("total", "").startswith("Total "), f"the total: {page.ids.get('total')!r}")
        sections = [c for tag, c in page.classes if tag == "section"]
        expect(len(sections) == 2, f"two exercise sections, found {len(sections)}")
        expect("ex-02.1-getrefcount" in page.ids and "ex-P2-weakref-parent-child" in page.ids,
               f"a section per exercise: {sorted(i for i in page.ids if i.startswith('ex-'))}")
        expect(page.ids.get("check-P2-weakref-parent-child-cycle_removed", "").find("failed") >= 0,
               "P2's cycle_removed check shown as failed")
        expect(any(c == "check passed" for _, c in page.classes), "a passed check (builds)")
        expect(any(tag == "figure" for tag, _ in page.classes), "P2's picture")
        svg_words = " ".join(page.svg_text)
        expect("Parent" in svg_words and "Child" in svg_words,
               f"the picture names Parent and Child: {svg_words[:200]!r}")

        screenshot = os.path.join(tmp, "page.png")
        run_chromium(url, f"--screenshot={screenshot}", "--window-size=1280,4000")
        red = count_color(screenshot, GARBAGE_RED)
        # Five boxes of at least ~60x30 pixels each are painted in the garbage red.
        expect(red > 5 * 1500, f"the picture's red boxes painted: {red} red pixels")

        if failures:
            print("The HTML report, rendered by Chromium, lacks:\n  " + "\n  ".join(failures))
            return 1
        print(f"ok: {len(sections)} sections, picture with {red} red pixels")
        return 0


if __name__ == "__main__":
    sys.exit(main())
