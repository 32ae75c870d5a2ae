#!/usr/bin/env python3
"""The student course works as a student and an instructor use it:

1. `gclab release` writes it (with the GitHub Classroom workflow); a student clones it and runs its
   README's first command, `scripts/setup`, then `build/dev/gclab check` (its second): the
   untouched stubs earn nothing, `builds` included (not attempted);
2. with each reference solution's files copied over the stub's, every visible check of every
   exercise passes, graded from the recorded expected outputs (there is no solution to run);
3. `gclab reset` puts a stub back from the release's commit, after the student committed work;
4. the full course's `gclab grade` gives the same points, check by check, to the same work handed in
   as the whole student tree, a zip of its exercises/, the student's repository at a commit, and the
   files in the full course's own layout (how submissions looked before there was a student course).

Prints the minutes from the clone to the first `gclab check` result (the figure the student README
states; informational, never asserted).

    student_course.py <gclab> <course-root> <build-dir> <scratch>
"""
import base64
import json
import shutil
import subprocess
import sys
import time
import zipfile
from pathlib import Path

from common import release, run

gclab, root, build_dir, scratch = sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3]), Path(sys.argv[4])
shutil.rmtree(scratch, ignore_errors=True)
scratch.mkdir(parents=True)
released = release(gclab, root, build_dir, scratch / "released", "--classroom")
exercises = sorted(p.name for p in (released / "exercises").iterdir() if (p / "rubric.yaml").exists())
assert len(exercises) == 18, exercises

# 1. A student's clone, set up with the README's first command.
clone = scratch / "student"
start = time.monotonic()
run(["git", "clone", "-q", released, clone])
run([clone / "scripts" / "setup"], cwd=clone, quiet=True)
student_gclab = clone / "build" / "dev" / "gclab"


def check(tag):
    """Every exercise's visible checks in the clone, as GitHub Classroom's reporter reads them."""
    output = scratch / f"classroom-{tag}.txt"
    run([student_gclab, "--no-color", "--lang", "en", "check", "--classroom-output", output], cwd=clone, quiet=True)
    line = output.read_text().strip()
    assert line.startswith("result="), line[:100]
    return json.loads(base64.b64decode(line[len("result="):]))


first = check("stubs")
print(f"clone to the first `gclab check` result (every exercise): {(time.monotonic() - start) / 60:.1f} minutes")
by_exercise = {}
for test in first["tests"]:
    by_exercise.setdefault(test["name"].rsplit(" / ", 1)[0], []).append(test)
assert len(by_exercise) == 18, list(by_exercise)
for name, tests in by_exercise.items():
    for t in tests:
        assert t["status"] == "fail" and t["score"] == 0, f"stub of {name}: {t['name']} is {t['status']}: {t['message']}"
    assert "the stub as handed out" in tests[0]["message"], f"stub of {name}: {tests[0]['message']}"
assert first["status"] == "fail" and first["max_score"] > 0

# 2. The reference answers, copied over the stubs (solution.cpp is the stub's exercise.cpp).
for ex in exercises:
    for source in (root / "solutions" / ex).iterdir():
        target = "exercise.cpp" if source.name == "solution.cpp" else source.name
        shutil.copyfile(source, clone / "exercises" / ex / target)
solved = check("solutions")
failing = [f"{t['name']}: {t['message']}" for t in solved["tests"] if t["status"] != "pass"]
assert not failing, "solutions fail in the student course:\n" + "\n".join(failing)
assert solved["status"] == "pass" and sum(t["score"] for t in solved["tests"]) == solved["max_score"]
print(f"student course: stubs earn nothing (not attempted); solutions pass all {len(solved['tests'])} visible checks "
      f"of {len(exercises)} exercises ({solved['max_score']} points)")

# 3. The student commits; `gclab reset` still finds the stub, in the release's own commit.
run(["git", "-C", clone, "-c", "user.name=student", "-c", "user.email=s@example.org", "commit", "-qam", "my work"])
run([student_gclab, "--no-color", "reset", "02.2", "--yes"], cwd=clone, quiet=True)
assert (clone / "exercises/02.2-types-and-interning/exercise.cpp").read_bytes() == \
    (root / "exercises/02.2-types-and-interning/exercise.cpp").read_bytes(), "reset did not restore the stub"
run(["git", "-C", clone, "-c", "user.name=student", "-c", "user.email=s@example.org", "commit", "-qam", "start 2.2 again"])
commit = run(["git", "-C", clone, "rev-parse", "HEAD"], quiet=True).stdout.strip()

# 4. The same work, four ways, graded by the full course (visible, hidden, after-due-date checks).
with zipfile.ZipFile(scratch / "exercises.zip", "w") as z:
    for path in sorted((clone / "exercises").rglob("*")):
        z.write(path, path.relative_to(clone))
old_layout = scratch / "old-layout"
shutil.copytree(root / "exercises", old_layout / "exercises")
for ex in exercises:
    for path in (clone / "exercises" / ex).iterdir():
        if path.suffix in (".cpp", ".hpp", ".yaml") and path.name != "rubric.yaml":
            shutil.copyfile(path, old_layout / "exercises" / ex / path.name)
(scratch / "class.txt").write_text(f"tree {clone}\nzip {scratch / 'exercises.zip'}\nrepo {clone}@{commit}\nold {old_layout}\n")
report_file = scratch / "report.json"
run([gclab, "--no-color", "--lang", "en", "--root", root, "--build-dir", build_dir, "grade", scratch / "class.txt",
     "--format", "json", "--output", report_file, "--gradebook", scratch / "gradebook.sqlite", "--jobs", "2"], ok=(0, 1), quiet=True)
report = json.loads(report_file.read_text())
assert report["error"] is None, report["error"]
points = {}
for s in report["submissions"]:
    assert s["error"] is None, (s["id"], s["error"])
    points[s["id"]] = {(e["exercise"], c["id"]): (c["earned"], c["outcome"]) for e in s["exercises"] for c in e["checks"]}
reference = points["old"]
for sid in ("tree", "zip", "repo"):
    differ = [f"{k}: {points[sid].get(k)} vs {v}" for k, v in reference.items() if points[sid].get(k) != v]
    assert not differ and len(points[sid]) == len(reference), f"{sid} grades differently:\n" + "\n".join(differ)
for (ex, check_id), (earned, outcome) in reference.items():
    if ex == "02.2-types-and-interning":
        assert outcome == "not_attempted" and earned == 0, (ex, check_id, outcome)
    else:
        assert outcome == "passed", (ex, check_id, outcome)
print(f"full course's grade: the same {len(reference)} check results for the student tree, its zip, "
      f"its repository at {commit[:12]} and the old layout")
