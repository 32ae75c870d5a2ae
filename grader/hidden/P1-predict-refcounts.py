# Problem 1 (notebook cell 19) with its TODOs done as solutions/P1-predict-refcounts/solution.cpp
# does them. `python3 P1-predict-refcounts.py > P1-predict-refcounts.out` (CPython 3.11) made the
# expected output of the hidden check `cpython_output`.
import sys

def track_refcount():
    data = {"key": "value"}

    # 1. 초기 참조 카운트
    print(f"1. Initial: {sys.getrefcount(data)}")

    ref1 = data
    # 2. ref1 할당 후
    print(f"2. After ref1 = data: {sys.getrefcount(data)}")

    ref2 = ref1
    # 3. ref2 할당 후
    print(f"3. After ref2 = ref1: {sys.getrefcount(data)}")

    del ref1
    # 4. ref1 삭제 후
    print(f"4. After del ref1: {sys.getrefcount(data)}")

    return data

result = track_refcount()
# 5. 함수 반환 후
print(f"5. After return: {sys.getrefcount(result)}")
