#!/usr/bin/env python3
"""The mutation-tested workbook: variants of every reference answer (variants.py) handed in as a
class, graded by `gclab grade` against the full course (visible, hidden and after-due-date checks).
Each must-pass variant must earn every point of its exercise; each must-fail variant must lose
some. A rubric that fails correct work, or lets a typical mistake through, fails this test.

    grade_variants.py <gclab> <course-root> <build-dir> <scratch> [exercise ...]
"""
import json
import shutil
import subprocess
import sys
from pathlib import Path

from variants import variants

gclab, root, build_dir, scratch = sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3]), Path(sys.argv[4])
chosen = sys.argv[5:]
shutil.rmtree(scratch, ignore_errors=True)
klass = scratch / "class"
exercises = sorted(p.name for p in (root / "solutions").iterdir() if p.is_dir() and (root / "exercises" / p.name).is_dir())
if chosen:
    exercises = [ex for ex in exercises if any(ex.startswith(c) for c in chosen)]

expected = {}  # submission id -> (exercise, variant, must_pass)
for ex in exercises:
    made = variants(root, ex)
    passing = sum(1 for _, _, must_pass in made if must_pass)
    assert passing >= 10 and len(made) - passing >= 5, f"{ex}: {passing} must-pass and {len(made) - passing} must-fail variants"
    for name, files, must_pass in made:
        sid = f"{ex}__{name.replace(':', '_')}"
        assert sid not in expected, sid
        expected[sid] = (ex, name, must_pass)
        for file, text in files.items():
            path = klass / sid / "exercises" / ex / file
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(text.encode("utf-8"))

report_file = scratch / "report.json"
args = [gclab, "--no-color", "--lang", "en", "--root", root, "--build-dir", build_dir, "grade", klass, "--format", "json",
        "--output", report_file, "--gradebook", scratch / "gradebook.sqlite", "--jobs", "2"]
for ex in exercises:
    args += ["--exercise", ex]
p = subprocess.run([str(a) for a in args], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
if p.returncode not in (0, 1):
    sys.exit(f"gclab grade exited {p.returncode}:\n{p.stdout[-4000:]}")
report = json.loads(report_file.read_text())
assert report["error"] is None, report["error"]

wrong = []
for s in report["submissions"]:
    ex, name, must_pass = expected[s["id"]]
    graded = next(e for e in s["exercises"] if e["exercise"] == ex)
    if s["error"] or graded["error"]:
        wrong.append(f"{s['id']}: grader error {s['error'] or graded['error']}")
        continue
    full = graded["earned"] == graded["possible"] and all(c["outcome"] == "passed" for c in graded["checks"])
    if must_pass and not full:
        lost = [f"{c['id']} {c['outcome']}: {c['explanation'][:300]}" for c in graded["checks"] if c["outcome"] != "passed"]
        wrong.append(f"{s['id']}: correct work lost points: " + " | ".join(lost))
    if not must_pass and full:
        wrong.append(f"{s['id']}: a mistake earned every point")
assert len(report["submissions"]) == len(expected)
counts = {ex: [0, 0] for ex in exercises}
for ex, _, must_pass in expected.values():
    counts[ex][0 if must_pass else 1] += 1
print("\n".join(f"{ex}: {p} must pass, {f} must fail" for ex, (p, f) in counts.items()))
print(f"{len(expected)} variants of {len(exercises)} exercises graded in {report['seconds']:.0f} s")
if wrong:
    sys.exit(f"{len(wrong)} variants graded wrongly:\n" + "\n".join(wrong))
print("every variant graded as expected")
