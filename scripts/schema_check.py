#!/usr/bin/env python3
"""Validate every stack file of a stack directory against schemas/stack.schema.json.

    python3 scripts/schema_check.py STACK_DIR

Each `*.yaml` / `*.yml` directly in STACK_DIR is loaded on its own and checked with
jsonschema's Draft202012Validator. Prints `valid`, or one line per problem:

    invalid: STACK_DIR/main.yaml:7: services.web.desired_cuont: Additional properties ...

and exits 0 (valid) or 1 (invalid). A YAML error makes the file invalid.

YAML is read with PyYAML's SafeLoader, adjusted so that it reads what ecsform's
libyaml-based loader reads (shared/spec/stack-format.md and the YAML layer):
- scalars resolve by the YAML 1.2 core schema as ecsform does: only plain `true`/`false`
  are booleans (`yes`, `on`, `True` are strings), ints are decimal/0x/0o, no timestamps,
  no sexagesimal numbers, no `<<` merge keys (a `<<` key is just an unknown key);
- a duplicate key in a mapping is an error at the second key (PyYAML would keep the last);
- a second document, unknown tags, aliases that expand past a node budget and
  very deep nesting are errors, never a hang or a crash.

The line reported for a problem follows the loader's conventions so fixtures can be
cross-checked: the key's line for unknown, duplicate or forbidden keys and bad names,
the line of the mapping's own key for a missing required field, the value's line otherwise.
"""

from __future__ import annotations

import difflib
import json
import math
import os
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError

ROOT = Path(__file__).resolve().parent.parent
SCHEMA_PATH = ROOT / "schemas" / "stack.schema.json"

#: Nodes that aliases may copy in one file before it is rejected (billion laughs).
MAX_ALIAS_NODES = 100_000
#: Nesting depth past which a file is rejected.
MAX_DEPTH = 512

CORE = "tag:yaml.org,2002:"


@dataclass(frozen=True, order=True)
class Problem:
    """One reason a file is invalid, with the 1-based line it points at."""

    path: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


class StackYAMLError(Exception):
    def __init__(self, line: int, message: str):
        super().__init__(message)
        self.line = line
        self.message = message


# --- YAML 1.2 core schema resolution, as ecsform's YAML layer does it -----------------

_INT_RE = re.compile(r"^(?:[-+]?[0-9]+|0x[0-9a-fA-F]+|0o[0-7]+)$")
_FLOAT_RE = re.compile(
    r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"
)


class CoreResolver(yaml.resolver.Resolver):
    """Resolves plain scalars to null, bool, int, float or str like ecsform's loader."""


CoreResolver.yaml_implicit_resolvers = {}
CoreResolver.add_implicit_resolver(CORE + "bool", re.compile(r"^(?:true|false)$"), list("tf"))
CoreResolver.add_implicit_resolver(CORE + "int", _INT_RE, list("-+0123456789"))
CoreResolver.add_implicit_resolver(CORE + "float", _FLOAT_RE, list("-+.0123456789"))
CoreResolver.add_implicit_resolver(CORE + "null", re.compile(r"^(?:null|~|)$"), ["n", "~", ""])


class CoreLoader(
    yaml.reader.Reader,
    yaml.scanner.Scanner,
    yaml.parser.Parser,
    yaml.composer.Composer,
    yaml.constructor.SafeConstructor,
    CoreResolver,
):
    def __init__(self, stream: Any):
        yaml.reader.Reader.__init__(self, stream)
        yaml.scanner.Scanner.__init__(self)
        yaml.parser.Parser.__init__(self)
        yaml.composer.Composer.__init__(self)
        yaml.constructor.SafeConstructor.__init__(self)
        CoreResolver.__init__(self)


def _scalar(node: yaml.ScalarNode) -> Any:
    tag, text = node.tag, node.value
    line = node.start_mark.line + 1
    if tag in (CORE + "str", "!"):
        return text
    if tag == CORE + "null":
        if text not in ("null", "~", ""):
            raise StackYAMLError(line, f"`{text}` is not a null")
        return None
    if tag == CORE + "bool":
        if text not in ("true", "false"):
            raise StackYAMLError(line, f"`{text}` is not a boolean (only true or false)")
        return text == "true"
    if tag == CORE + "int":
        if not _INT_RE.match(text):
            raise StackYAMLError(line, f"`{text}` is not an integer")
        if text.startswith("0x"):
            return int(text[2:], 16)
        if text.startswith("0o"):
            return int(text[2:], 8)
        return int(text, 10)
    if tag == CORE + "float":
        if not _FLOAT_RE.match(text):
            raise StackYAMLError(line, f"`{text}` is not a number")
        lowered = text.lower()
        if lowered.endswith(".nan"):
            return math.nan
        if lowered.endswith(".inf"):
            return -math.inf if text.startswith("-") else math.inf
        return float(text)
    raise StackYAMLError(line, f"unknown tag `{tag}`: ecsform reads only the core YAML tags")


@dataclass
class Lines:
    """Where each value of a document sits: path -> (line of its key, line of its value)."""

    key: dict[tuple, int]
    value: dict[tuple, int]

    def key_line(self, path: tuple) -> int:
        while path not in self.key and path:
            path = path[:-1]
        return self.key.get(path, 1)

    def value_line(self, path: tuple) -> int:
        while path not in self.value and path:
            path = path[:-1]
        return self.value.get(path, 1)


def load(text: bytes) -> tuple[Any, Lines]:
    """Loads one stack file; raises StackYAMLError with the line of the problem."""
    lines = Lines({}, {})
    budget = [MAX_ALIAS_NODES]
    expanded: set[int] = set()
    loader: CoreLoader | None = None
    try:
        try:
            loader = CoreLoader(text)
            root = loader.get_single_node()
        except yaml.MarkedYAMLError as e:
            mark = e.problem_mark or e.context_mark
            line = mark.line + 1 if mark else 1
            raise StackYAMLError(line, f"YAML: {e.problem or e.context}") from None
        except yaml.YAMLError as e:  # reader errors: invalid UTF-8, control characters
            line = 1
            position = getattr(e, "position", None)
            if position is not None and isinstance(text, bytes):
                line = text[:position].count(b"\n") + 1
            if isinstance(e, yaml.reader.ReaderError):
                char = e.character if isinstance(e.character, int) else ord(e.character)
                raise StackYAMLError(line, f"YAML: character #x{char:02x} not allowed: {e.reason}") from None
            raise StackYAMLError(line, f"YAML: {e}") from None
        except RecursionError:
            raise StackYAMLError(1, "YAML: nesting is too deep") from None
        if root is None:
            return None, lines

        def convert(node: yaml.Node, path: tuple, key_line: int, depth: int) -> Any:
            line = node.start_mark.line + 1
            if id(node) in expanded:  # reached again through an alias
                budget[0] -= 1
            else:
                expanded.add(id(node))
            if budget[0] < 0:
                raise StackYAMLError(line, "YAML: aliases expand to too many nodes")
            if depth > MAX_DEPTH:
                raise StackYAMLError(line, f"YAML: nesting deeper than {MAX_DEPTH} levels")
            if path not in lines.value:
                lines.key[path] = key_line
                lines.value[path] = line
            if isinstance(node, yaml.ScalarNode):
                return _scalar(node)
            if isinstance(node, yaml.SequenceNode):
                if node.tag not in (CORE + "seq",):
                    raise StackYAMLError(line, f"unknown tag `{node.tag}`")
                return [
                    convert(item, path + (i,), item.start_mark.line + 1, depth + 1)
                    for i, item in enumerate(node.value)
                ]
            if isinstance(node, yaml.MappingNode):
                if node.tag not in (CORE + "map",):
                    raise StackYAMLError(line, f"unknown tag `{node.tag}`")
                result: dict[str, Any] = {}
                first_line: dict[str, int] = {}
                for key_node, value_node in node.value:
                    kline = key_node.start_mark.line + 1
                    if not isinstance(key_node, yaml.ScalarNode):
                        raise StackYAMLError(kline, "YAML: mapping keys must be plain scalars")
                    key = key_node.value
                    if key in first_line:
                        raise StackYAMLError(
                            kline, f"duplicate key `{key}` (first defined at line {first_line[key]})"
                        )
                    first_line[key] = kline
                    result[key] = convert(value_node, path + (key,), kline, depth + 1)
                return result
            raise StackYAMLError(line, "YAML: unsupported node")

        return convert(root, (), root.start_mark.line + 1, 0), lines
    except RecursionError:
        raise StackYAMLError(1, "YAML: nesting is too deep") from None
    finally:
        if loader is not None:
            loader.dispose()


# --- schema errors -> lines ---------------------------------------------------------

_INTERPOLATION = r"^\$\{[^{}]+\}$"


def _is_interpolation_branch(error: ValidationError) -> bool:
    return isinstance(error.schema, dict) and error.schema.get("pattern") == _INTERPOLATION


def _specific(error: ValidationError) -> tuple[ValidationError, bool]:
    """For an anyOf error, the error of the alternative that was meant (not the `${}` one),
    descending into nested alternatives; and whether a `${...}` would also have been allowed."""
    interpolable = False
    while error.validator in ("anyOf", "oneOf") and error.context:
        real = [e for e in error.context if not _is_interpolation_branch(e)]
        if len(real) < len(error.context):
            interpolable = True
        if not real:
            break
        # The alternative that got furthest into the value is the one the author meant.
        deepest = max(len(e.relative_path) for e in real)
        error = next(e for e in real if len(e.relative_path) == deepest)
    return error, interpolable


def _describe(error: ValidationError) -> str:
    specific, interpolable = _specific(error)
    suffix = " (or a whole-value ${...} interpolation)" if interpolable else ""
    return specific.message + suffix


def _dotted(path: tuple) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "(top level)"


def _problems(error: ValidationError, lines: Lines, file: str) -> list[Problem]:
    if error.validator in ("anyOf", "oneOf"):
        specific, interpolable = _specific(error)
        if specific is not error:
            problems = _problems(specific, lines, file)
            if interpolable:
                problems = [Problem(p.path, p.line, p.message + " (or a whole-value ${...} interpolation)")
                            for p in problems]
            return problems
    path = tuple(error.absolute_path)
    where = _dotted(path)
    if error.validator == "additionalProperties" and isinstance(error.instance, dict):
        allowed = set((error.schema.get("properties") or {}).keys())
        extras = [k for k in error.instance if k not in allowed]
        if extras:
            problems = []
            for k in extras:
                close = difflib.get_close_matches(k, sorted(allowed), n=1, cutoff=0.6)
                hint = (f"; did you mean `{close[0]}`?" if close
                        else f" (allowed: {', '.join(sorted(allowed))})" if allowed else "")
                problems.append(Problem(file, lines.key_line(path + (k,)),
                                        f"{_dotted(path + (k,))}: unknown key `{k}`{hint}"))
            return problems
    if "propertyNames" in error.absolute_schema_path and isinstance(error.instance, str):
        key = error.instance  # errors about a key carry the key as their instance
        return [Problem(file, lines.key_line(path + (key,)),
                        f"{_dotted(path + (key,))}: bad name `{key}`: {error.message}")]
    if error.validator == "contains" and path and path[-1] == "containers":
        return [Problem(file, lines.value_line(path),
                        f"{where}: at least one container must be essential (essential defaults to true)")]
    if error.validator == "required":
        return [Problem(file, lines.key_line(path), f"{where}: {error.message}")]
    if error.validator == "not" and error.validator_value == {}:  # a key forbidden here
        reason = error.schema.get("description") or f"`{path[-1] if path else ''}` is not allowed here"
        return [Problem(file, lines.key_line(path), f"{where}: {reason}")]
    return [Problem(file, lines.value_line(path), f"{where}: {_describe(error)}")]


_validator: Draft202012Validator | None = None


def validator() -> Draft202012Validator:
    global _validator
    if _validator is None:
        schema = json.loads(SCHEMA_PATH.read_text())
        _validator = Draft202012Validator(schema)
    return _validator


def check_file(path: Path, shown: str) -> list[Problem]:
    try:
        data = path.read_bytes()
    except OSError as e:
        return [Problem(shown, 1, f"cannot read: {e.strerror}")]
    try:
        doc, lines = load(data)
    except StackYAMLError as e:
        return [Problem(shown, e.line, e.message)]
    if doc is None:  # an empty file (or only comments) contributes nothing
        return []
    problems: list[Problem] = []
    for error in validator().iter_errors(doc):
        problems.extend(_problems(error, lines, shown))
    return sorted(set(problems))


def stack_files(stack_dir: Path) -> list[Path]:
    return sorted(
        p for p in stack_dir.iterdir() if p.is_file() and p.suffix in (".yaml", ".yml")
    )


def check_dir(stack_dir: str) -> list[Problem]:
    """All schema problems of the stack directory, as the loader would name the files."""
    directory = Path(stack_dir)
    if not directory.is_dir():
        return [Problem(stack_dir, 1, "not a directory")]
    files = stack_files(directory)
    if not files:
        return [Problem(stack_dir, 1, "no *.yaml or *.yml files in the stack directory")]
    problems: list[Problem] = []
    for f in files:
        problems.extend(check_file(f, os.path.join(stack_dir, f.name)))
    return problems


def main(argv: list[str]) -> int:
    if len(argv) != 2 or argv[1] in ("-h", "--help"):
        print(__doc__.strip().splitlines()[0])
        print("usage: schema_check.py STACK_DIR")
        return 0 if len(argv) == 2 else 2
    problems = check_dir(argv[1])
    if not problems:
        print("valid")
        return 0
    for p in problems:
        print(f"invalid: {p}")
    return 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
