#!/usr/bin/env python3
"""Validates a JUnit XML report with a real XML parser (xml.etree): the structure GitHub Actions'
test reporters, GitLab and Jenkins read. Usage: check_junit.py <file> <expected testcases>
<expected failures> <expected skipped> <expected errors>. Exits non-zero with the reason."""
import sys
import xml.etree.ElementTree as ET


def fail(why):
    print(f"check_junit: {why}")
    sys.exit(1)


def main():
    path = sys.argv[1]
    want = dict(zip(["tests", "failures", "skipped", "errors"], map(int, sys.argv[2:6])))
    root = ET.parse(path).getroot()
    if root.tag != "testsuites":
        fail(f"root is <{root.tag}>, not <testsuites>")
    counted = {"tests": 0, "failures": 0, "skipped": 0, "errors": 0}
    for suite in root:
        if suite.tag != "testsuite":
            fail(f"<{suite.tag}> inside <testsuites>")
        for attr in ["name", "tests", "failures", "errors", "skipped", "time"]:
            if attr not in suite.attrib:
                fail(f"testsuite {suite.get('name')} has no {attr}")
        cases = suite.findall("testcase")
        if int(suite.get("tests")) != len(cases):
            fail(f"testsuite {suite.get('name')}: tests={suite.get('tests')} but {len(cases)} testcases")
        float(suite.get("time"))
        for case in cases:
            counted["tests"] += 1
            if not case.get("name") or not case.get("classname"):
                fail("a testcase without name or classname")
            failure, skipped, error = case.find("failure"), case.find("skipped"), case.find("error")
            if failure is not None:
                counted["failures"] += 1
                # GitLab shows the body, not the attributes: the explanation must be there.
                if not (failure.text or "").strip():
                    fail(f"testcase {case.get('name')}: empty <failure> body")
            if skipped is not None:
                counted["skipped"] += 1
            if error is not None:
                counted["errors"] += 1
                if not (error.text or "").strip():
                    fail(f"testcase {case.get('name')}: empty <error> body")
            if error is None:
                props = {p.get("name"): p.get("value") for p in case.findall("properties/property")}
                if "points" not in props or "earned" not in props:
                    fail(f"testcase {case.get('name')}: no points/earned properties")
                if not 0 <= float(props["earned"]) <= int(props["points"]):
                    fail(f"testcase {case.get('name')}: earned {props['earned']} outside 0..{props['points']}")
    for key, value in want.items():
        if counted[key] != value:
            fail(f"{counted[key]} {key}, expected {value}")
        if int(root.get(key)) != value:
            fail(f"<testsuites {key}={root.get(key)}>, expected {value}")
    print("check_junit: ok")


if __name__ == "__main__":
    main()
