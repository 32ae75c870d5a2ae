"""Variants of the workbook's reference answers, as a class would hand them in: each is a set of
files for one exercise that either must pass every check (visible, hidden, after the due date) or
must fail at least one, whatever the rubric's author expected.

Must pass: the same program written otherwise -- comments and blank lines added in several places,
another indentation, Windows line endings, locals renamed, #includes reordered, braces on their own
lines, a harmless alias, answers with comments. Must fail: the typical mistakes -- an output line
changed, dropped or doubled, a `del` forgotten, a refcount read one off, no `gc.collect()`, tracing
never started, a snapshot at the wrong time, a prediction one off, a strong reference kept, a
threshold setting missing, a conclusion that contradicts the data.

Each variant is made from the files of solutions/<ex>/ (solution.cpp handed in as exercise.cpp, the
other files under their own names), with the stub's other files as they are.
"""
import re
from pathlib import Path

# ---- text helpers ---------------------------------------------------------------------------------

STRING = re.compile(r'R"([^(]*)\((?:.|\n)*?\)\1"|"(?:\\.|[^"\\\n])*"|\'(?:\\.|[^\'\\\n])\'')


def outside_literals(text, fn):
    """`fn` applied to every stretch of `text` outside string and character literals."""
    out, at = [], 0
    for m in STRING.finditer(text):
        out.append(fn(text[at:m.start()]))
        out.append(m.group(0))
        at = m.end()
    out.append(fn(text[at:]))
    return "".join(out)


def lines_matching(text, pattern):
    return [i for i, line in enumerate(text.split("\n")) if re.search(pattern, line)]


def drop_line(text, index):
    lines = text.split("\n")
    del lines[index]
    return "\n".join(lines)


def replace_once(text, old, new):
    return text.replace(old, new, 1) if old in text else None


def print_lines(text):
    """Single-line print statements inside a cell or function body."""
    return [i for i in lines_matching(text, r'^\s+print\("[^"]*".*\);\s*(//.*)?$')]


def alter_literal(text, index):
    """The print statement on line `index` says something else: a word added to its format."""
    lines = text.split("\n")
    lines[index] = re.sub(r'print\("', 'print("oops ', lines[index], count=1)
    return "\n".join(lines)


# ---- must pass ------------------------------------------------------------------------------------

def comment_on_top(t):
    return "// 과제 제출 · my submission\n// 이름 / name: 김민지\n\n" + t


def comments_after_statements(t):
    return re.sub(r";[ \t]*$", "; // 여기까지 / done", t, flags=re.M)


def blank_lines_everywhere(t):
    return re.sub(r"\n", "\n\n", t)


def blank_lines_after_braces(t):
    return re.sub(r"\{[ \t]*\n", "{\n\n  // ---\n", t)


def tabs(t):
    return re.sub(r"^((?:  )+)", lambda m: "\t" * (len(m.group(1)) // 2), t, flags=re.M)


def crlf(t):
    return t.replace("\n", "\r\n")


def block_comment_end(t):
    return t + "\n/*\n  메모 / notes:\n  - 참조 카운트는 getrefcount의 인자 하나를 더 셉니다\n*/\n"


def includes_reversed(t):
    lines = t.split("\n")
    idx = [i for i, l in enumerate(lines) if l.startswith("#include <")]
    if len(idx) < 2:
        return None
    block = [lines[i] for i in idx]
    for i, l in zip(idx, reversed(block)):
        lines[i] = l
    return "\n".join(lines)


def braces_on_own_line(t):
    changed = re.sub(r"^(GCLAB_CELL\([^\n]*\)) \{$", r"\1\n{", t, flags=re.M)
    return changed if changed != t else None


def namespace_alias(t):
    lines = t.split("\n")
    last_include = max((i for i, l in enumerate(lines) if l.startswith("#include")), default=-1)
    if last_include < 0:
        return None
    lines.insert(last_include + 1, "\nnamespace my_course = gclab;  // 별칭 / an alias, unused")
    return "\n".join(lines)


DECLARED = re.compile(r"\b(?:Ref<[\w:<>]+>|auto|int|double|std::size_t|std::string)\s+([a-z_][a-z0-9_]*)\s*=")


def renamed_locals(t):
    # A member (`m.seconds`) is not a local: renaming its declaration alone would not compile.
    names = sorted(n for n in set(DECLARED.findall(t)) - {"_"} if not re.search(r"(\.|->)" + n + r"\b", t))
    if not names:
        return None
    pattern = re.compile(r"(?<![\w.>:])(" + "|".join(map(re.escape, names)) + r")\b")
    return outside_literals(t, lambda s: pattern.sub(lambda m: "my_" + m.group(1), s))


MUST_PASS_CPP = [comment_on_top, comments_after_statements, blank_lines_everywhere, blank_lines_after_braces, tabs,
                 crlf, block_comment_end, includes_reversed, braces_on_own_line, namespace_alias, renamed_locals]


def yaml_commented(t):
    return "# 제 답 / my answers\n" + re.sub(r"^(\w+: [^\n#]+)$", r"\1  # 확인함 / checked", t, flags=re.M)


def yaml_quoted_numbers(t):
    changed = re.sub(r"^(\w+): (\d+)$", r'\1: "\2"', t, flags=re.M)
    return changed if changed != t else None


# ---- must fail: typical mistakes --------------------------------------------------------------------

def first_print_changed(t):
    found = print_lines(t)
    return alter_literal(t, found[0]) if found else None


def last_print_changed(t):
    found = print_lines(t)
    return alter_literal(t, found[-1]) if len(found) > 1 else None


def last_print_dropped(t):
    found = print_lines(t)
    return drop_line(t, found[-1]) if found else None


def first_print_doubled(t):
    found = print_lines(t)
    if not found:
        return None
    lines = t.split("\n")
    lines.insert(found[0], lines[found[0]])
    return "\n".join(lines)


def prints_swapped(t):
    """Two outputs in the wrong order: the first two print lines that say different things."""
    found = print_lines(t)
    lines = t.split("\n")
    for a, b in zip(found, found[1:]):
        if lines[a].strip() != lines[b].strip():
            lines[a], lines[b] = lines[b], lines[a]
            return "\n".join(lines)
    return None


def del_forgotten(t):
    found = lines_matching(t, r"^\s+del\(\w+\);")
    return drop_line(t, found[0]) if found else None


def refcount_one_off(t):
    return re.sub(r"sys::getrefcount\((\w+)\)", r"(sys::getrefcount(\1) + 1)", t, count=1) if "sys::getrefcount(" in t else None


def no_collect(t):
    found = lines_matching(t, r"^[^/]*gc::collect\(\d?\)")  # in the code, not in a comment
    if not found:
        return None
    lines = t.split("\n")
    lines[found[0]] = re.sub(r"gc::collect\(\d?\)", "gc::get_count().gen0 * 0", lines[found[0]], count=1)
    return "\n".join(lines)


def tracing_never_started(t):
    found = lines_matching(t, r"^\s+tracemalloc::start\(\);")
    return drop_line(t, found[0]) if found else None


GENERIC_MUST_FAIL_CPP = [first_print_changed, last_print_changed, last_print_dropped, first_print_doubled, prints_swapped, del_forgotten,
                         refcount_one_off, no_collect, tracing_never_started]

# Mistakes that change nothing the program does in these exercises (equivalent mutants), each with
# the reason: a test that expected them to fail would be wrong, not the rubric.
EQUIVALENT = {
    ("03-circular-references", "del_forgotten"): "the nodes are in a cycle: deleting a name frees nothing, and the cell "
                                                 "ends right after",
    ("06.2-weak-dictionaries", "no_collect"): "del(obj1) frees it by refcounting; the collection after it finds nothing",
    ("07-observer-pattern", "no_collect"): "del(obs1) frees it by refcounting; the collection after it finds nothing",
    ("P2-weakref-parent-child", "no_collect"): "without the cycle a collection finds 0 objects, which the mutant prints",
}

# Typical mistakes that need the exercise's own code: (exercise, name) -> files -> files or None.


def p1_prediction_off(step):
    def mutate(files):
        changed = re.sub(rf"^({step}): (\d+)$", lambda m: f"{m.group(1)}: {int(m.group(2)) + 1}", files["answers.yaml"], flags=re.M)
        return dict(files, **{"answers.yaml": changed})
    mutate.__name__ = f"p1_{step}_one_off"
    return mutate


def p1_without_getrefcount_argument(files):
    changed = re.sub(r"^(\w+): (\d+)$", lambda m: f"{m.group(1)}: {int(m.group(2)) - 1}", files["answers.yaml"], flags=re.M)
    return dict(files, **{"answers.yaml": changed})


def p2_strong_parent_kept(files, stub_family):
    return dict(files, **{"family.hpp": stub_family + "\nstatic_assert(true, \"a first try\");\n"})


def edited(files, name, *pairs):
    """`files` with `name` edited: each (old, new) replaced once; None where one of them is not there."""
    text = files[name]
    for old, new in pairs:
        text = replace_once(text, old, new)
        if text is None:
            return None
    return dict(files, **{name: text})


def p2_parent_never_set(files):
    return edited(files, "family.hpp", ("  child->parent = weakref::ref(self(this));", ""))


def p2_children_weak_too(files):
    return edited(files, "family.hpp", ("children->append(child);", "children->append(weakref::ref(child));"))


def p3_snapshot_after_return(files):
    return edited(files, "exercise.cpp", ("[&] { after = tracemalloc::take_snapshot(); }", "[] {}"),
                  ("  auto [current, peak]", "  after = tracemalloc::take_snapshot();\n  auto [current, peak]"))


def p3_no_lines(files):
    return edited(files, "exercise.cpp", ("std::views::take(10)", "std::views::take(0)"))


def p3_compared_backwards(files):
    return edited(files, "exercise.cpp", ("after->compare_to(*before", "before->compare_to(*after"))


def p3_by_file(files):
    return edited(files, "exercise.cpp", ('"lineno"', '"filename"'))


def p4_setting_missing(files):
    return edited(files, "exercise.cpp", (", gc::Triple{2000, 20, 20}", ""))


def p4_collections_not_counted(files):
    return edited(files, "exercise.cpp", ('if (phase == "start") ++m.collections', 'if (phase == "never") ++m.collections'))


def p4_conclusion_swapped(files):
    return edited(files, "conclusion.yaml", ('collects_most_often: "100, 5, 5"', 'collects_most_often: "2000, 20, 20"'),
                  ('holds_most_garbage: "2000, 20, 20"', 'holds_most_garbage: "100, 5, 5"'))


def p4_threshold_kept(files):
    return edited(files, "exercise.cpp", ("  gc::set_threshold(old.gen0, old.gen1, old.gen2);\n", ""),
                  ("gc::set_threshold(threshold.gen0, threshold.gen1, threshold.gen2);", ""))


def p4_peak_not_read(files):
    return edited(files, "exercise.cpp", ("m.peak_bytes = tracemalloc::get_traced_memory().peak;", "m.peak_bytes = 1;"))


# ---- the class ------------------------------------------------------------------------------------

def solution_files(root, ex):
    files = {}
    for path in sorted((root / "solutions" / ex).iterdir()):
        files["exercise.cpp" if path.name == "solution.cpp" else path.name] = path.read_text(encoding="utf-8")
    return files


def variants(root, ex):
    """(name, files, must_pass) for one exercise: files maps a file name to its text."""
    base = solution_files(root, ex)
    out = []
    for fn in MUST_PASS_CPP:
        text = fn(base["exercise.cpp"])
        if text is not None:
            out.append((fn.__name__, dict(base, **{"exercise.cpp": text}), True))
    for name in ("answers.yaml", "conclusion.yaml"):
        if name in base:
            for fn in (yaml_commented, yaml_quoted_numbers):
                text = fn(base[name])
                if text is not None:
                    out.append((f"{fn.__name__}:{name}", dict(base, **{name: text}), True))
    if "family.hpp" in base:
        for fn in (comment_on_top, comments_after_statements, blank_lines_everywhere):
            out.append((f"{fn.__name__}:family.hpp", dict(base, **{"family.hpp": fn(base["family.hpp"])}), True))

    # Output checks see a changed print; the problems' checks judge what the engine measured.
    generic = GENERIC_MUST_FAIL_CPP if not ex.startswith(("P3", "P4")) else [tracing_never_started]
    for fn in generic:
        text = fn(base["exercise.cpp"])
        if text is not None and (ex, fn.__name__) not in EQUIVALENT:
            out.append((fn.__name__, dict(base, **{"exercise.cpp": text}), False))
    specific = []
    if ex.startswith("P1"):
        specific = [p1_prediction_off(s) for s in ("initial", "after_ref2", "after_return")] + [p1_without_getrefcount_argument]
    elif ex.startswith("P2"):
        stub_family = (root / "exercises" / ex / "family.hpp").read_text(encoding="utf-8")
        def p2_strong_parent_kept_(files):
            return p2_strong_parent_kept(files, stub_family)
        specific = [p2_strong_parent_kept_, p2_parent_never_set, p2_children_weak_too]
    elif ex.startswith("P3"):
        specific = [p3_snapshot_after_return, p3_no_lines, p3_compared_backwards, p3_by_file]
    elif ex.startswith("P4"):
        specific = [p4_setting_missing, p4_collections_not_counted, p4_conclusion_swapped, p4_threshold_kept, p4_peak_not_read]
    for fn in specific:
        files = fn(base)
        if files is not None:
            out.append((fn.__name__.rstrip("_"), files, False))
    return out
