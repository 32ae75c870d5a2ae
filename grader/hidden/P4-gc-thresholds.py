# Problem 4's workload (exercises/P4-gc-thresholds/workload.hpp) and measure() as the reference
# solution does it, on CPython 3.11. `python3 P4-gc-thresholds.py` printed the counts pinned in
# P4-gc-thresholds.yaml: (700, 10, 10) 130/11/1, (100, 5, 5) 829/138/23, (2000, 20, 20) 48/2/0.
#
# Node is defined once, outside create_circular_refs() (the notebook defines it inside, which makes
# a new class, with its own GC objects, on every call), so that each round allocates what the C++
# workload allocates: one list and 1000 nodes. gc.freeze() first moves the interpreter's own objects
# out of the generations: otherwise they dominate the long-lived count that decides when a full
# collection may run (CPython's 25% rule), which the engine, with no interpreter, does not have.
import gc
import time
import tracemalloc

class Node:
    def __init__(self):
        self.ref = None

def create_circular_refs(count):
    nodes = [Node() for _ in range(count)]
    for i in range(count):
        nodes[i].ref = nodes[(i + 1) % count]
    return nodes

ROUNDS, COUNT = 100, 1000

def run_workload():
    for _ in range(ROUNDS):
        nodes = create_circular_refs(COUNT)
        del nodes

def measure(threshold):
    collections = [0, 0, 0]

    def on_gc(phase, info):
        if phase == "start":
            collections[info["generation"]] += 1

    gc.collect()
    old = gc.get_threshold()
    gc.set_threshold(*threshold)
    gc.callbacks.append(on_gc)
    tracemalloc.start()
    start = time.perf_counter()
    run_workload()
    seconds = time.perf_counter() - start
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    gc.callbacks.remove(on_gc)
    gc.set_threshold(*old)
    return seconds, collections, peak

gc.freeze()
print(f"{'threshold':<16} {'time (s)':>10} {'collections 0/1/2':>20} {'peak bytes':>14}")
for threshold in [(700, 10, 10), (100, 5, 5), (2000, 20, 20)]:
    seconds, collections, peak = measure(threshold)
    print(f"{str(threshold):<16} {seconds:>10.4f} {'/'.join(map(str, collections)):>20} {peak:>14}")
