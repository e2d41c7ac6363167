#!/usr/bin/env python3
"""Check the stack corpus against the JSON Schema and `ecsform validate`.

    python3 scripts/check_fixtures.py [--bin .build/debug/ecsform] [--schema-only] [--schema-lines]

The corpus:
- every directory in stacks/ and Tests/Fixtures/valid/ (valid stacks);
- every case in Tests/Fixtures/invalid/, whose file `expected` has lines
      error FILE:LINE      (one or more: `ecsform validate CASE` run in Tests/Fixtures/invalid
                            must exit 1 and print `CASE/FILE:LINE:`)
      schema invalid       (optional: the JSON Schema must also reject the case)

Checks, the same as Tests/EndToEndTests/SchemaAgreementTests.swift:
1. schema verdict: valid stacks pass scripts/schema_check.py; `schema invalid` cases fail it;
2. validate verdict: valid stacks exit 0; every invalid case exits 1 and names each expected
   `CASE/FILE:LINE:` on standard error or output;
3. agreement: on valid stacks and `schema invalid` cases, schema and validate agree.
`--schema-lines` also requires the schema checker to point at each expected FILE:LINE.
The validate half is skipped (with a note) when the binary is missing or has no `validate`.
Ends with a line `N passed, N failed`; exit status 0 when nothing failed.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import schema_check  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
INVALID = ROOT / "Tests" / "Fixtures" / "invalid"
VALID = ROOT / "Tests" / "Fixtures" / "valid"
STACKS = ROOT / "stacks"


@dataclass
class Expected:
    errors: list[tuple[str, int]] = field(default_factory=list)
    schema_invalid: bool = False
    valid: bool = False


def parse_expected(path: Path) -> Expected:
    exp = Expected()
    for raw in path.read_text().splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line == "valid":
            exp.valid = True
        elif line == "schema invalid":
            exp.schema_invalid = True
        elif line.startswith("error "):
            where = line[len("error "):].strip()
            file, _, number = where.rpartition(":")
            exp.errors.append((file, int(number)))
        else:
            raise ValueError(f"{path}: cannot read line {raw!r}")
    return exp


def validate_available(binary: Path) -> bool:
    if not binary.is_file():
        return False
    try:
        done = subprocess.run([str(binary), "validate", "--help"], capture_output=True, timeout=60)
    except (OSError, subprocess.TimeoutExpired):
        return False
    # The skeleton binary exits 0 for anything: require the help of a real `validate`.
    text = (done.stdout + done.stderr).decode(errors="replace")
    return done.returncode == 0 and "USAGE:" in text and "validate" in text


def run_validate(binary: Path, case: str, cwd: Path) -> tuple[int, str]:
    done = subprocess.run(
        [str(binary), "validate", case], cwd=cwd, capture_output=True, text=True,
        errors="replace", timeout=120,
    )
    return done.returncode, done.stderr + done.stdout


def schema_verdict(directory: Path) -> list[schema_check.Problem]:
    # Paths as ecsform prints them: relative to the directory the command runs in.
    cwd = os.getcwd()
    os.chdir(directory.parent)
    try:
        return schema_check.check_dir(directory.name)
    finally:
        os.chdir(cwd)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--bin", default=str(ROOT / ".build" / "debug" / "ecsform"))
    parser.add_argument("--schema-only", action="store_true", help="skip the ecsform validate half")
    parser.add_argument("--schema-lines", action="store_true",
                        help="also require the schema checker's lines to match `expected`")
    args = parser.parse_args()

    binary = Path(args.bin).resolve()
    use_binary = not args.schema_only and validate_available(binary)
    if not args.schema_only and not use_binary:
        print(f"note: {binary} has no working `validate`: checking the schema half only")

    passed = failed = 0

    def report(ok: bool, what: str, detail: str = "") -> None:
        nonlocal passed, failed
        if ok:
            passed += 1
        else:
            failed += 1
            print(f"FAIL {what}" + (f"\n    {detail}" if detail else ""))

    valid_dirs = sorted(p for p in STACKS.iterdir() if p.is_dir()) if STACKS.is_dir() else []
    valid_dirs += sorted(p for p in VALID.iterdir() if p.is_dir()) if VALID.is_dir() else []
    for d in valid_dirs:
        rel = d.relative_to(ROOT)
        exp_file = d / "expected"
        if exp_file.exists() and not parse_expected(exp_file).valid:
            report(False, f"{rel}: `expected` must say `valid`")
            continue
        problems = schema_verdict(d)
        report(not problems, f"{rel}: schema says invalid", "; ".join(map(str, problems[:3])))
        if use_binary:
            status, output = run_validate(binary, d.name, d.parent)
            report(status == 0, f"{rel}: ecsform validate exited {status}", output.strip()[:600])

    cases = sorted(p for p in INVALID.iterdir() if p.is_dir()) if INVALID.is_dir() else []
    for d in cases:
        rel = d.relative_to(ROOT)
        try:
            exp = parse_expected(d / "expected")
        except (OSError, ValueError) as e:
            report(False, f"{rel}: bad `expected`: {e}")
            continue
        if not exp.errors:
            report(False, f"{rel}: `expected` names no `error FILE:LINE`")
            continue
        if exp.schema_invalid:
            problems = schema_verdict(d)
            report(bool(problems), f"{rel}: schema says valid, expected invalid")
            if args.schema_lines and problems:
                seen = {(Path(p.path).name, p.line) for p in problems}
                for file, line in exp.errors:
                    report((file, line) in seen, f"{rel}: schema does not point at {file}:{line}",
                           "; ".join(map(str, problems[:4])))
        if use_binary:
            status, output = run_validate(binary, d.name, INVALID)
            report(status == 1, f"{rel}: ecsform validate exited {status}, expected 1", output.strip()[:600])
            for file, line in exp.errors:
                needle = f"{d.name}/{file}:{line}:"
                report(needle in output, f"{rel}: output does not name {needle}", output.strip()[:600])

    print(f"{passed} passed, {failed} failed")
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
