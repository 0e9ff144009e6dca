"""Validates a JUnit document against the Surefire schema (junit-10.xsd) and reads it with junitparser, as a CI
server would; prints the totals it reads: tests, failures, errors, skipped. Exit 1 when the document is invalid.

    python3 tests/junit/check.py FILE
"""
import pathlib
import sys

import junitparser
import xmlschema

schema = xmlschema.XMLSchema(str(pathlib.Path(__file__).with_name("junit-10.xsd")))
path = sys.argv[1]
errors = list(schema.iter_errors(path))
for e in errors:
    print(f"invalid: {e.reason} at {e.path}", file=sys.stderr)
if errors:
    sys.exit(1)
xml = junitparser.JUnitXml.fromfile(path)
tests = failures = errs = skipped = 0
names = set()
for suite in xml:
    tests += suite.tests
    failures += suite.failures
    errs += suite.errors
    skipped += suite.skipped
    for case in suite:
        key = (case.classname, case.name)
        if key in names:
            print(f"duplicate testcase {key}", file=sys.stderr)
            sys.exit(1)
        names.add(key)
print(f"tests={tests} failures={failures} errors={errs} skipped={skipped}")
