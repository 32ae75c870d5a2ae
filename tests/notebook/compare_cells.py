#!/usr/bin/env python3
"""Runs the `notebook` program (every ported cell, in one process, in notebook order) and compares
each cell's output with what CPython 3.11 printed for it (cpython/cellNN.out, copied from the
course's reference run).

Only these differences are accepted, each for a stated reason; every other line must be equal:
  * addresses (0x...) and elapsed times are normalised on both sides;
  * DIFFERS: a line whose numbers come from the interpreter's own objects (see README.md,
    "Where the engine differs"), matched by a pattern on both sides;
  * UNORDERED: lines whose order is the interpreter's hash order;
  * ENGINE_TAIL: lines the engine prints at the end of the cell that CPython prints at exit.

    compare_cells.py <notebook-binary> [cell ...]
"""
import re
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent

DIFFERS = {
    2: [(r"^Small int \(100\) - x: \d+, y: \d+$", "small ints: CPython's count includes the interpreter's references"),
        (r"^Big int \(1000000\) - big_x: \d+, big_y: \d+$", "CPython's compiler shares the constant"),
        (r"^big_x is big_y: (True|False)$", "CPython's compiler shares the constant"),
        (r"^String 'hello' - s1: \d+, s2: \d+$", "CPython's code object holds the literal too")],
    5: [(r"^Current counts: \(\d+, \d+, \d+\)$", "counts of the interpreter's own allocations")],
    6: [(r"^gc: objects in each generation: \d+ \d+ \d+$", "sizes include the interpreter's objects")],
    7: [(r"^Current object counts: \(\d+, \d+, \d+\)$", "counts of the interpreter's own allocations")],
    8: [(r"^  Counts: \(\d+, 0, 0\)$", "counts of the interpreter's own allocations"),
        (r"^After creating GenTracker\(obj_\d\): \(\d+, 0, 0\)$", "counts of the interpreter's own allocations"),
        (r"^After clear: \(\d+, 0, 0\)$", "counts of the interpreter's own allocations")],
}
UNORDERED = {18: [r"^  \[Observer\d\] Received: Hello!$"]}
ENGINE_TAIL = {18: ["  [__del__] Observer2 destroyed"]}  # CPython: at interpreter exit


def normalise(line):
    line = re.sub(r"0x[0-9a-f]+", "0x..", line)
    return re.sub(r"\d+\.\d{4}s elapsed", "X.XXXXs elapsed", line)


def run_notebook(binary):
    # One stream, as in the notebook: the collector's debug lines (stderr) between the prints.
    out = subprocess.run([binary, "--headers"], check=True, stdout=subprocess.PIPE,
                         stderr=subprocess.STDOUT, text=True, stdin=subprocess.DEVNULL).stdout
    cells, current = {}, None
    for line in out.splitlines():
        m = re.match(r"^── In \[(\d+)\]: .* ──$", line)
        if m:
            current = int(m.group(1))
            cells[current] = []
        elif current is not None:
            cells[current].append(line)
    for lines in cells.values():
        if lines and lines[0] == "":  # the blank line --headers prints before each header
            lines.pop(0)
        while lines and lines[-1] == "":
            lines.pop()
    return cells


def compare(number, engine, cpython):
    problems = []
    tail = ENGINE_TAIL.get(number, [])
    if tail and engine[-len(tail):] == tail:
        engine = engine[:-len(tail)]
    for pattern in UNORDERED.get(number, []):
        if sorted(l for l in engine if re.match(pattern, l)) != sorted(l for l in cpython if re.match(pattern, l)):
            problems.append(f"lines matching {pattern} differ as a set")
        engine = [l for l in engine if not re.match(pattern, l)]
        cpython = [l for l in cpython if not re.match(pattern, l)]
    if len(engine) != len(cpython):
        problems.append(f"{len(engine)} lines, CPython printed {len(cpython)}")
    for i, (e, c) in enumerate(zip(engine, cpython), 1):
        if e == c:
            continue
        if any(re.match(p, e) and re.match(p, c) for p, _ in DIFFERS.get(number, [])):
            continue
        problems.append(f"line {i}: engine {e!r}\n{' ' * (len(str(i)) + 7)}CPython {c!r}")
    return problems


def main():
    binary = sys.argv[1]
    cells = run_notebook(binary)
    wanted = [int(c) for c in sys.argv[2:]] or sorted(cells)
    failed = 0
    for number in wanted:
        expected_file = HERE / "cpython" / f"cell{number:02d}.out"
        if number not in cells:
            print(f"cell {number}: not in the notebook program")
            failed += 1
            continue
        engine = [normalise(l) for l in cells[number]]
        cpython = [normalise(l) for l in expected_file.read_text().splitlines()]
        while cpython and cpython[-1] == "":
            cpython.pop()
        problems = compare(number, engine, cpython)
        print(f"cell {number}: {'OK' if not problems else 'DIFFERS'}")
        for p in problems:
            print(f"  {p}")
        failed += bool(problems)
    print(f"{len(wanted) - failed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
