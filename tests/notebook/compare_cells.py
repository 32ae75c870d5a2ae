#!/usr/bin/env python3
"""Runs the `notebook` program (every ported cell, in one process, in notebook order) and compares
each cell's output with what CPython 3.11 printed for it (cpython/cellNN.out, copied from the
course's reference run).

Only these differences are accepted, each for a stated reason; every other line must be equal:
  * addresses (0x...) and elapsed times are normalised on both sides;
  * DIFFERS: a line whose numbers come from the interpreter's own objects (see README.md,
    "Where the engine differs"), matched by a pattern on both sides;
  * UNORDERED: lines whose order is the interpreter's hash order;
  * ENGINE_TAIL: lines the engine prints at the end of the cell that CPython prints at exit;
  * TRACEMALLOC: in tracemalloc's reports (cells 12-14), sizes and counts (each runtime's own object
    sizes), the program's file:line (cell11.py:8 vs solutions/05-tracemalloc/solution.cpp:38) and
    its source text are replaced by the role of the line; CPython's lines for its interpreter's
    own allocations are left out. The program's lines must then be the same, in the same order.

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
TRACED_KB = "bytes traced: each runtime's own object sizes (an engine int is 40 B, CPython's 28 B)"
DIFFERS.update({
    11: [(r"^  (Current|Peak): \d+\.\d\d KB$", TRACED_KB)],
    13: [(r"^Current memory: \d+\.\d\d KB$", TRACED_KB)],
})
UNORDERED = {18: [r"^  \[Observer\d\] Received: Hello!$"]}
ENGINE_TAIL = {18: ["  [__del__] Observer2 destroyed"]}  # CPython: at interpreter exit


# tracemalloc's reports. A report line names a program line, by file:line (Statistic and
# StatisticDiff lines, cells 12 and 13) or by its source text (cell 14's leak lines). Each side's
# program lines are mapped to what the line does (its role); CPython's lines for the interpreter's
# own allocations, which the engine does not have, are dropped (each with its reason).
REPO = HERE.parent.parent
SIZE = r"\d+(?:\.\d+)? (?:B|KiB|MiB|GiB|TiB)"
STAT_LINE = re.compile(rf"^(?P<file>.+):(?P<lineno>\d+): (?P<rest>size={SIZE}( \([+-]{SIZE}\))?, "
                       rf"count=\d+( \([+-]\d+\))?(, average={SIZE})?)$")
LEAK_LINE = re.compile(r"^\+\d+\.\d\d KB: +(?P<source>.*)$")
# (role, CPython's line, the engine's line): CPython's by file:line or source text, the engine's by
# the solution's source text.
TRACEMALLOC_ROLES = {
    12: [("large_list", r"^cell11\.py:8$", r"\blarge_list = list\(\);"),
         ("large_dict", r"^cell11\.py:9$", r"\blarge_dict = dict\(\);")],
    14: [("MemoryLeak([i] * 1000)", r"^_ = MemoryLeak\(\[i\] \* 1000\)", r"make<MemoryLeak>\(list\(\{i\}\) \* 1000\)"),
         ("MemoryLeak._cache.append(self)", r"^MemoryLeak\._cache\.append\(self\)$", r"MemoryLeak::_cache->append\(self\(this\)\);")],
}
TRACEMALLOC_ROLES[13] = TRACEMALLOC_ROLES[12]
# CPython's lines that the engine cannot have: the interpreter's own allocations.
CPYTHON_ONLY = {
    12: [(r"^<python-lib>/tracemalloc\.py:\d+$", "tracemalloc's own Python code (the engine does not trace its snapshots)"),
         (r"^<cell-runner>:\d+$", "the notebook runner's code"),
         (r"^<frozen [a-z_.]+>:\d+$", "the interpreter's frozen modules"),
         (r"^cell11\.py:7$", "print() of a literal: its objects are the interpreter's (the engine's print allocates none)")],
    14: [(r"^return Snapshot\(traces, traceback_limit\)$", "tracemalloc.take_snapshot's own code (the engine does not trace its snapshots)"),
         (r"^self\.traces = _Traces\(traces\)$", "tracemalloc.take_snapshot's own code (the engine does not trace its snapshots)"),
         (r"^print\(\"Simulating memory leak\.\.\.\"\)$", "print() of a literal: its objects are the interpreter's")],
}
CPYTHON_ONLY[13] = CPYTHON_ONLY[12]


def source_line(file, lineno):
    path = Path(file) if Path(file).is_absolute() else REPO / file
    try:
        lines = path.read_text().splitlines()
    except OSError:
        return ""
    return lines[lineno - 1].strip() if 0 < lineno <= len(lines) else ""


def numbers_out(text):
    text = re.sub(rf"(\(?[+-]?){SIZE}", r"\1<size>", text)
    return re.sub(r"(count=|\()([+-]?)\d+\b", r"\1\2<n>", text)


def tracemalloc_view(number, lines, side):
    roles = TRACEMALLOC_ROLES.get(number)
    if roles is None:
        return lines
    out = []
    for line in lines:
        stat, leak = STAT_LINE.match(line), LEAK_LINE.match(line)
        if not stat and not leak:
            out.append(line)
            continue
        if side == "cpython":
            where = f"{stat['file']}:{stat['lineno']}" if stat else leak["source"]
            if any(re.match(p, where) for p, _ in CPYTHON_ONLY.get(number, [])):
                continue
            role = next((r for r, c, _ in roles if re.search(c, where)), None)
        else:
            text = source_line(stat["file"], int(stat["lineno"])) if stat else leak["source"]
            role = next((r for r, _, e in roles if re.search(e, text)), None)
        if role is None:
            out.append(line)  # a line nobody accounted for: it will show as a difference
        elif stat:
            out.append(f"<{role}>: {numbers_out(stat['rest'])}")
        else:
            out.append(f"+<n> KB: <{role}>")
    return out


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
        engine = tracemalloc_view(number, [normalise(l) for l in cells[number]], "engine")
        cpython = tracemalloc_view(number, [normalise(l) for l in expected_file.read_text().splitlines()], "cpython")
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
