# Problem 2 (notebook cell 20) with the cycle removed as solutions/P2-weakref-parent-child does it,
# and the demo of exercise.cpp. `python3 P2-weakref-parent-child.py > P2-weakref-parent-child.out`
# (CPython 3.11) made the expected output of the hidden check `cpython_output`.
import gc
import weakref

class Parent:
    def __init__(self, name):
        self.name = name
        self.children = []

    def add_child(self, child):
        self.children.append(child)
        child.parent = weakref.ref(self)  # 약한 참조: no cycle

class Child:
    def __init__(self, name):
        self.name = name
        self.parent = None

    def __del__(self):
        print(f"Child {self.name} destroyed")

gc.disable()

parent = Parent("parent")
parent.add_child(Child("child1"))
parent.add_child(Child("child2"))
parent.add_child(Child("child3"))

print("del parent")
del parent

print(f"gc.collect() found {gc.collect()} objects")
gc.enable()
