#!/usr/bin/env python3
"""The student course holds no reference answer: `gclab release` into a temporary folder, then every
distinctive line of every file of solutions/ and grader/hidden/ must be absent from every file of the
released tree (text files line by line, any other file as bytes).

A line is distinctive when it is not given to students anyway: it is not a line of the full course's
exercise stubs (exercise.cpp, family.hpp, answers.yaml, ..., rubric.yaml's hints), of the notebook's
own cells (tests/notebook/cpython/cellNN.py), or of the code students build with (engine/, grader/
but grader/hidden/: the probes measure the problems with the API the notebook teaches, and C++ has
its idioms), and it is not trivial (fewer than 8 letters or digits, e.g. `}`, `return data;`). Those
sets come from the full course, so a line the release wrongly writes into any file is still found. The recorded expected outputs of the visible checks
(exercises/<ex>/expected/*.txt) are what a failing visible check shows line by line anyway: their
lines are allowed in the released tree, and they must belong to the visible rubrics' checks.

    no_answers.py <gclab> <course-root> <build-dir> <scratch>
"""
import re
import shutil
import sys
from pathlib import Path

from common import release, run

gclab, root, build_dir, scratch = sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3]), Path(sys.argv[4])
shutil.rmtree(scratch, ignore_errors=True)
scratch.mkdir(parents=True)
student = release(gclab, root, build_dir, scratch / "course", "--classroom")


def lines(path):
    try:
        return [line.strip() for line in path.read_text(encoding="utf-8").splitlines()]
    except UnicodeDecodeError:
        return None


def trivial(line):
    return len(re.sub(r"[\W_]", "", line)) < 8


given = set()
for path in (root / "exercises").rglob("*"):
    if path.is_file() and path.suffix in (".cpp", ".hpp", ".h", ".yaml"):
        given.update(lines(path))
for path in (root / "tests" / "notebook" / "cpython").glob("cell*.py"):
    given.update(lines(path))
for library in ("engine", "grader"):
    for path in (root / library).rglob("*"):
        if path.is_file() and "hidden" not in path.relative_to(root).parts:
            given.update(lines(path) or [])

# The answers: each exercise's reference files and the hidden rubrics with their expected files
# (solutions/CMakeLists.txt is build plumbing).
answer_files = [p for d in ("solutions", "grader/hidden") for p in (root / d).rglob("*")
                if p.is_file() and p.relative_to(root).as_posix() != "solutions/CMakeLists.txt"]
distinctive = {}  # line -> the answer file it comes from
for path in answer_files:
    for line in lines(path) or []:
        if line and not trivial(line) and line not in given:
            distinctive.setdefault(line, path.relative_to(root))

recorded = set()
for path in (student / "exercises").glob("*/expected/*.txt"):
    rubric = (path.parent.parent / "rubric.yaml").read_text(encoding="utf-8")
    assert f"expected_file: expected/{path.name}" in rubric, f"{path} is not a visible check's recorded output"
    recorded.update(lines(path))

leaks = []
files = [p for p in student.rglob("*") if p.is_file() and ".git" not in p.relative_to(student).parts]
for path in files:
    text_lines = lines(path)
    rel = path.relative_to(student)
    if text_lines is None:
        data = path.read_bytes()
        leaks += [f"{rel}: embeds `{line}` ({src})" for line, src in distinctive.items() if line.encode() in data]
        continue
    for number, line in enumerate(text_lines, 1):
        if line in distinctive and not (line in recorded and distinctive[line].parts[:2] == ("grader", "hidden")
                                        and distinctive[line].suffix == ".out"):
            leaks.append(f"{rel}:{number}: `{line}` is a line of {distinctive[line]}")

for forbidden in ("solutions", "grader/hidden", "bench", "docs", ".ci", "tests/grader", "tests/unit", "build"):
    assert not (student / forbidden).exists(), f"the student course has {forbidden}/"
assert not any(p.suffix in (".o", ".a", ".so") or p.stat().st_mode & 0o111 and p.suffix == "" and p.name not in ("setup", "install-deps")
               for p in files), "the student course holds a built file"

marker_line = re.compile(r"^\s*(<!-- /?full-course -->|<!-- student-course|<!-- /?lang:\w+ -->)\s*$|<!-- full-course -->\s*$")
for path in student.rglob("*.md"):
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        assert not marker_line.search(line), f"{path.relative_to(student)}:{number} still has a marker: {line}"
for placeholder in ("@TITLE@", "@EXERCISES@", "@SETUP_MINUTES@"):
    assert placeholder not in (student / "README.md").read_text(encoding="utf-8"), placeholder

# A release of two exercises, its README in Korean only, under the course's own title.
part = release(gclab, root, build_dir, scratch / "part", "--exercise", "p2", "--exercise", "2.1",
               "--readme-lang", "ko", "--title", "메모리 관리 실습 (2반)")
assert sorted(p.name for p in (part / "exercises").iterdir() if p.is_dir()) == ["02.1-getrefcount", "P2-weakref-parent-child"]
index = (part / "exercises" / "README.md").read_text(encoding="utf-8")
assert "02.1-getrefcount/" in index and "03-circular-references/" not in index, "exercises/README.md lists left-out exercises"
readme = (part / "README.md").read_text(encoding="utf-8")
assert readme.startswith("# 메모리 관리 실습 (2반)\n"), readme[:80]
assert "정상입니다" in readme and "That is normal" not in readme, "the Korean README holds English paragraphs"
assert "P2-weakref-parent-child" in readme and "04-gc-basics" not in readme
assert not (part / ".github").exists(), "a workflow without --classroom"
# Its CMake project has the two exercises' programs, and nothing of the full course's.
run(["cmake", "-S", part, "-B", scratch / "part-build", "-G", "Ninja", "-DCMAKE_BUILD_TYPE=RelWithDebInfo"], quiet=True)
targets = run(["cmake", "--build", scratch / "part-build", "--target", "help"], quiet=True).stdout
assert "exercise-02_1-getrefcount" in targets and "exercise-P2-weakref-parent-child" in targets, targets
assert "exercise-03-circular-references" not in targets and "solution-" not in targets and "notebook" not in targets
assert (student / ".github" / "workflows" / "classroom.yml").exists()

print(f"searched {len(files)} files of the student course for {len(distinctive)} distinctive lines of "
      f"{len(answer_files)} answer files ({len(recorded)} recorded expected-output lines allowed)")
if leaks:
    sys.exit("answers in the student course:\n" + "\n".join(leaks[:50]))
print("no answer in the student course")
