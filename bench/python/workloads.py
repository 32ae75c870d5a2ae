#!/usr/bin/env python3
"""The CPython half of the gclab benchmark suite: the workloads of bench/gclab_bench.cpp, one for
one, timed with time.perf_counter. bench/run runs each workload in a fresh interpreter and
compares it with the engine.

    python3 bench/python/workloads.py [--node slots|attrs] [--reps R] WORKLOAD

prints one JSON object on stdout. Every time is in nanoseconds per object (per operation for
incref_decref): `best` is the minimum over the repetitions, `median` their median, `samples`
all of them. Each workload but free_chain runs once untimed first (pymalloc's pools and the
list's memory are then as warm as CPython keeps them).

The object (--node):
  slots  `class Node: __slots__ = ('a', 'b')`, created with `Node()`: one block with the header
         and two unset slots -- the engine's Node, field for field (its two Ref fields start
         empty).
  attrs  a plain class whose __init__ sets `self.a = self.b = None`: what most Python code
         writes (the instance's attribute values live in a second block).

The weak-reference workloads (weakref_*, callback_firing, wvd_*) need a weakly referenceable
object: with --node slots it is `__slots__ = ('a', 'b', '__weakref__')` (the engine's Node has
room for its weak reference list in its header), with --node attrs the same plain class.

Before timing, gc.freeze() moves the interpreter's own objects (modules, functions, ...) to the
permanent generation, so collections examine only the workload's objects -- as in the engine,
where nothing else is tracked.
"""

import argparse
import gc
import itertools
import json
import statistics
import sys
import time
import tracemalloc
import weakref

repeat = itertools.repeat
perf_counter = time.perf_counter


class SlotsNode:
    __slots__ = ("a", "b")


class AttrsNode:
    def __init__(self):
        self.a = None
        self.b = None


class WeakSlotsNode:
    __slots__ = ("a", "b", "__weakref__")


Node = SlotsNode  # set from --node in main()
WeakNode = WeakSlotsNode  # the same, weakly referenceable


def summary(samples, **extra):
    return {"best": min(samples), "median": statistics.median(samples), "samples": samples, **extra}


def timed_reps(reps, run):
    """run() returns ns per object; once untimed (warm-up), then `reps` times."""
    cold = run()
    return cold, [run() for _ in range(reps)]


# --- 1. create 10^6 objects, keep them in a list, free them -------------------------------------

def alloc_kept(reps, n=1_000_000):
    def run():
        gc.disable()
        start = perf_counter()
        kept = [Node() for _ in repeat(None, n)]
        del kept
        elapsed = perf_counter() - start
        gc.enable()
        return elapsed * 1e9 / n

    cold, samples = timed_reps(reps, run)
    return summary(samples, objects=n, cold_ns_per_object=cold, automatic_collection=False)


# --- 2. create and drop at once ---------------------------------------------------------------

def loop_ns(n, body):
    start = perf_counter()
    body(n)
    return (perf_counter() - start) * 1e9 / n


def drop_loop(n):
    for _ in repeat(None, n):
        Node()


def empty_loop(n):
    for _ in repeat(None, n):
        pass


def alloc_drop(reps, n=2_000_000):
    _, samples = timed_reps(reps, lambda: loop_ns(n, drop_loop))
    empty = [loop_ns(n, empty_loop) for _ in range(reps)]
    # The loop's own cost is not subtracted (the engine's loop is in its time too); it is
    # reported for reference.
    return summary(samples, objects=1, empty_loop_ns=min(empty))


# --- 3. one incref + decref -----------------------------------------------------------------

def incref_decref_loop(n):
    o = Node()
    for _ in repeat(None, n):
        x = o  # LOAD_FAST o (incref) + STORE_FAST x
        del x  # DELETE_FAST x (decref)


def incref_decref(reps, n=20_000_000):
    # ns per iteration of the `x = o; del x` loop minus ns per iteration of the same loop with
    # `pass` for a body, each the best of `reps` runs: what remains is one Py_INCREF and one
    # Py_DECREF of the same object plus the dispatch of the three bytecodes that do them
    # (LOAD_FAST, STORE_FAST, DELETE_FAST), which cannot be separated from them in Python.
    # itertools.repeat yields the same object every time, so neither loop allocates. The two
    # loops alternate, so that both see the same conditions.
    loop_ns(n, incref_decref_loop)  # warm
    loops, empty = [], []
    for _ in range(reps):
        loops.append(loop_ns(n, incref_decref_loop))
        empty.append(loop_ns(n, empty_loop))
    diffs = [loop - min(empty) for loop in loops]
    return summary(diffs, objects=1, loop_ns=min(loops), empty_loop_ns=min(empty),
                   method="best(loop with `x = o; del x`) - best(loop with `pass`)")


# --- 4. collect() of unreachable 2-cycles (freeing included) -----------------------------------

def make_two_cycles(n):
    for _ in repeat(None, n // 2):
        x = Node()
        y = Node()
        x.a = y
        y.a = x


ITERATIONS = {10_000: 100, 100_000: 10, 1_000_000: 1, 2_000_000: 1}  # as in gclab_bench.cpp


def collect_cycles_at(reps, n):
    iterations = ITERATIONS[n]

    def run():
        total = 0.0
        for _ in range(iterations):
            make_two_cycles(n)
            start = perf_counter()
            found = gc.collect()
            total += perf_counter() - start
            if found != n:
                raise SystemExit(f"gc.collect() found {found} objects, expected {n}")
        return total * 1e9 / (iterations * n)

    gc.disable()
    _, samples = timed_reps(reps, run)
    gc.enable()
    return summary(samples, objects=n, iterations=iterations)


def collect_cycles(reps):
    return {str(n): collect_cycles_at(reps, n) for n in ITERATIONS}


# --- 5. collect() with live objects and no garbage ---------------------------------------------

LIVE_ITERATIONS = {10_000: 200, 100_000: 20, 1_000_000: 5}  # as in gclab_bench.cpp


def collect_live_at(reps, n):
    iterations = LIVE_ITERATIONS[n]
    gc.disable()
    kept = [Node() for _ in repeat(None, n)]

    def run():
        total = 0.0
        for _ in range(iterations):
            start = perf_counter()
            found = gc.collect()
            total += perf_counter() - start
            if found != 0:
                raise SystemExit(f"gc.collect() found {found} objects among live ones")
        return total * 1e9 / (iterations * n)

    _, samples = timed_reps(reps, run)
    del kept
    gc.enable()
    return summary(samples, objects=n, iterations=iterations)


def collect_live(reps):
    return {str(n): collect_live_at(reps, n) for n in LIVE_ITERATIONS}


# --- 7. freeing a long chain ----------------------------------------------------------------

def make_chain(n):
    head = None
    for _ in repeat(None, n):
        node = Node()
        node.a = head
        head = node
    return head


def free_chain(reps, n=10_000_000):
    # CPython's trashcan (in subtype_dealloc) bounds the recursion of the cascade.
    gc.disable()
    samples = []
    for _ in range(reps):  # no untimed run: building the chain is most of the cost
        head = make_chain(n)
        start = perf_counter()
        del head
        samples.append((perf_counter() - start) * 1e9 / n)
    gc.enable()
    return summary(samples, objects=n, crashed=False)


# --- 8. keeping objects alive with automatic collection on and off -----------------------------

def auto_gc(reps, n=1_000_000):
    # Times building the list (where automatic collections happen); freeing it is the same work
    # either way and is left out. Every run starts with gc.collect(), which zeroes the generation
    # counts, so the number of automatic collections is deterministic.
    collections = 0

    def count(phase, info):
        nonlocal collections
        if phase == "start":
            collections += 1

    def run(on):
        nonlocal collections
        gc.collect()
        gc.enable() if on else gc.disable()
        collections = 0
        gc.callbacks.append(count)
        start = perf_counter()
        kept = [Node() for _ in repeat(None, n)]
        elapsed = perf_counter() - start
        gc.callbacks.remove(count)
        gc.disable()
        del kept
        gc.enable()
        return elapsed * 1e9 / n, collections

    result = {}
    for on in (False, True):
        run(on)  # warm
        samples = []
        counts = set()
        for _ in range(reps):
            ns, c = run(on)
            samples.append(ns)
            counts.add(c)
        result["on" if on else "off"] = summary(samples, objects=n, collections=sorted(counts))
    result["slowdown"] = result["on"]["best"] / result["off"]["best"]
    return result


# --- 9. weak references -----------------------------------------------------------------------

def on_death(wr):
    pass


def create_destroy_loop(n):
    o = WeakNode()
    ref = weakref.ref
    for _ in repeat(None, n):
        r = ref(o)  # with no other weak reference to o: a new weakref object
        del r


def create_destroy_cb_loop(n):
    o = WeakNode()
    ref = weakref.ref
    for _ in repeat(None, n):
        r = ref(o, on_death)
        del r


def deref_loop(n):
    o = WeakNode()
    r = weakref.ref(o)
    for _ in repeat(None, n):
        x = r()
        del x


def minus_empty_loop(reps, n, body):
    # As incref_decref: ns per iteration of the loop minus ns per iteration of the empty loop,
    # each the best of `reps` runs, the two alternating.
    loop_ns(n, body)  # warm
    loops, empty = [], []
    for _ in range(reps):
        loops.append(loop_ns(n, body))
        empty.append(loop_ns(n, empty_loop))
    diffs = [loop - min(empty) for loop in loops]
    return summary(diffs, objects=1, loop_ns=min(loops), empty_loop_ns=min(empty),
                   method="best(loop) - best(loop with `pass`)")


def weakref_create_destroy(reps, n=2_000_000):
    return minus_empty_loop(reps, n, create_destroy_loop)


def weakref_callback_create_destroy(reps, n=2_000_000):
    return minus_empty_loop(reps, n, create_destroy_cb_loop)


def weakref_deref(reps, n=5_000_000):
    return minus_empty_loop(reps, n, deref_loop)


def callback_firing(reps, n=100_000):
    # n objects in a list, each with a callback weakref (kept); `del items` frees them: each death
    # clears its weakref and calls its callback. Time per dying referent, the frees included.
    fired = 0

    def count(wr):
        nonlocal fired
        fired += 1

    def run():
        nonlocal fired
        gc.disable()
        items = [WeakNode() for _ in repeat(None, n)]
        refs = [weakref.ref(x, count) for x in items]
        fired = 0
        start = perf_counter()
        del items
        elapsed = perf_counter() - start
        gc.enable()
        if fired != n:
            raise SystemExit(f"{fired} callbacks ran, expected {n}")
        del refs
        return elapsed * 1e9 / n

    _, samples = timed_reps(reps, run)
    return summary(samples, objects=n)


# --- 10. WeakValueDictionary --------------------------------------------------------------------

def wvd_keys(n):
    return ["key_%d" % i for i in range(n)]


def fill(d, keys, values):
    for i in range(len(keys)):  # by index: a loop variable would keep the last value alive
        d[keys[i]] = values[i]


def wvd_insert(reps, n=100_000):
    keys = wvd_keys(n)
    values = [WeakNode() for _ in repeat(None, n)]

    def run():
        d = weakref.WeakValueDictionary()
        start = perf_counter()
        fill(d, keys, values)
        return (perf_counter() - start) * 1e9 / n

    gc.disable()
    _, samples = timed_reps(reps, run)
    gc.enable()
    return summary(samples, objects=n)


def wvd_lookup(reps, n=100_000):
    keys = wvd_keys(n)
    values = [WeakNode() for _ in repeat(None, n)]
    d = weakref.WeakValueDictionary()
    fill(d, keys, values)

    def run():
        start = perf_counter()
        for k in keys:
            d[k]
        return (perf_counter() - start) * 1e9 / n

    gc.disable()
    _, samples = timed_reps(reps, run)
    gc.enable()
    return summary(samples, objects=n)


def wvd_auto_remove(reps, n=100_000):
    # n values die by refcount (`del values`); each removes its entry through its KeyedRef's
    # callback.
    keys = wvd_keys(n)

    def run():
        values = [WeakNode() for _ in repeat(None, n)]
        d = weakref.WeakValueDictionary()
        fill(d, keys, values)
        start = perf_counter()
        del values
        elapsed = perf_counter() - start
        if len(d) != 0:
            raise SystemExit(f"{len(d)} entries left behind")
        return elapsed * 1e9 / n

    gc.disable()
    _, samples = timed_reps(reps, run)
    gc.enable()
    return summary(samples, objects=n)


# --- 11. tracemalloc ----------------------------------------------------------------------------
# As bench/tracemalloc_bench.cpp: the same work untraced and traced with 1 and 25 frames, in one
# process; bench/run prints the traced/untraced ratios.

def tm_alloc_loop_body(n=100_000):
    data = [[i] * 10 for i in range(n)]
    del data


def process_data(n):
    data = []
    for i in range(n):
        data.append([i] * 100)
    lookup = {}
    for i, item in enumerate(data):
        lookup[f"item_{i}"] = item
    result = []
    for key in lookup:
        result.append(sum(lookup[key]))
    return result


def traced_ms(reps, work):
    """Best ms of `work` untraced and traced with 1 and 25 frames, the three alternating."""
    work()  # warm
    best = {}
    for _ in range(reps):
        for nframe in (0, 1, 25):
            if nframe:
                tracemalloc.start(nframe)
            start = perf_counter()
            work()
            elapsed = (perf_counter() - start) * 1e3
            if nframe:
                tracemalloc.stop()
            best.setdefault(nframe, []).append(elapsed)
    return {str(k): summary(v) for k, v in best.items()}


def tm_alloc_loop(reps):
    gc.disable()
    result = traced_ms(reps, tm_alloc_loop_body)
    gc.enable()
    return result


def tm_process_data(reps):
    gc.disable()
    result = traced_ms(4 * reps, lambda: process_data(1000))
    gc.enable()
    return result


def tm_snapshot(reps, n=150_000):
    gc.disable()
    tracemalloc.start(1)
    kept = [{} for _ in range(n)]
    samples, traces = [], 0
    for _ in range(reps):
        start = perf_counter()
        snapshot = tracemalloc.take_snapshot()
        snapshot.statistics("lineno")
        samples.append((perf_counter() - start) * 1e3)
        traces = len(snapshot.traces)
        del snapshot
    tracemalloc.stop()
    del kept
    gc.enable()
    return summary(samples, traces=traces)


WORKLOADS = {
    "alloc_kept": alloc_kept,
    "alloc_drop": alloc_drop,
    "incref_decref": incref_decref,
    "collect_cycles": collect_cycles,
    "collect_live": collect_live,
    "free_chain": free_chain,
    "auto_gc": auto_gc,
    "weakref_create_destroy": weakref_create_destroy,
    "weakref_callback_create_destroy": weakref_callback_create_destroy,
    "weakref_deref": weakref_deref,
    "callback_firing": callback_firing,
    "wvd_insert": wvd_insert,
    "wvd_lookup": wvd_lookup,
    "wvd_auto_remove": wvd_auto_remove,
    "tm_alloc_loop": tm_alloc_loop,
    "tm_process_data": tm_process_data,
    "tm_snapshot": tm_snapshot,
}

DEFAULT_REPS = {"free_chain": 3}


def main():
    global Node, WeakNode
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("workload", choices=sorted(WORKLOADS))
    parser.add_argument("--node", choices=("slots", "attrs"), default="slots")
    parser.add_argument("--reps", type=int, help="timed repetitions (default 5, 3 for free_chain)")
    args = parser.parse_args()
    Node = SlotsNode if args.node == "slots" else AttrsNode
    WeakNode = WeakSlotsNode if args.node == "slots" else AttrsNode
    reps = args.reps or DEFAULT_REPS.get(args.workload, 5)
    gc.collect()
    gc.freeze()
    result = WORKLOADS[args.workload](reps)
    json.dump({"workload": args.workload, "node": args.node, "reps": reps,
               "python": sys.version.split()[0], "result": result}, sys.stdout, indent=1)
    print()


if __name__ == "__main__":
    main()
