#!/usr/bin/env python3
"""`make bench`: measure ecsform and write BENCHMARKS.md.

    scripts/bench.py [--runs N] [--only SECTION ...] [--output BENCHMARKS.md] [--keep]

Each section is a function that measures some figures against a reference measured in the
same run and returns a `Section`; `SECTIONS` lists them in order. BENCHMARKS.md keeps one
block per section between `<!-- bench:NAME -->` markers, so running one section updates
only its block (and the machine header). To add a section (orchestrator placement, engine
plan/apply), write `def section_NAME(ctx) -> Section` and append it to `SECTIONS`.

A figure is the median wall time over `--runs` runs (default 5) and the peak resident
memory of the measured process (wait4's `ru_maxrss`, the largest over the runs), both
taken by the tiny C helper Benchmarks/run_measured.c (see `run_once` for why).
"""
import argparse
import dataclasses
import datetime
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BUILD = os.path.join(ROOT, ".build", "bench")
# The binary under test; ECSFORM_BIN overrides it (e.g. to compare two builds).
ECSFORM = os.environ.get("ECSFORM_BIN") or os.path.join(ROOT, ".build", "release", "ecsform")


# ---------------------------------------------------------------------------- measuring

@dataclasses.dataclass
class Measurement:
    """Result of running one command several times."""
    command: list
    times_s: list = dataclasses.field(default_factory=list)
    cpu_s: list = dataclasses.field(default_factory=list)
    peak_rss_kb: int = 0
    returncode: int = 0
    stdout: str = ""
    stderr: str = ""

    @property
    def median_s(self):
        return statistics.median(self.times_s) if self.times_s else float("nan")

    @property
    def median_cpu_s(self):
        return statistics.median(self.cpu_s) if self.cpu_s else float("nan")

    @property
    def peak_mb(self):
        return self.peak_rss_kb / 1024.0

    @property
    def ok(self):
        return self.returncode == 0 and bool(self.times_s)

    def record(self, run):
        wall, rss, cpu, rc, out, err = run
        self.returncode, self.stdout, self.stderr = rc, out, err
        if rc == 0:
            self.times_s.append(wall)
            self.cpu_s.append(cpu)
            self.peak_rss_kb = max(self.peak_rss_kb, rss)


def run_once(cmd, cwd=None, env=None):
    """Runs `cmd` under Benchmarks/run_measured; returns (wall seconds, the command's peak RSS
    in KiB, CPU seconds, returncode, stdout, stderr).

    The peak is wait4's ru_maxrss, taken by the small C helper rather than by os.wait4 here:
    Linux carries the parent's RSS high-water mark into a child across exec, so any child of
    this Python process would report at least Python's own ~15 MB.
    """
    helper = build_helper("run_measured")
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err, \
            tempfile.NamedTemporaryFile(mode="r", suffix=".rusage") as report:
        proc = subprocess.Popen([helper, report.name] + list(cmd), cwd=cwd, env=env,
                                stdin=subprocess.DEVNULL, stdout=out, stderr=err)
        _, status, _ = os.wait4(proc.pid, 0)
        rc = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        fields = report.read().split()
        if len(fields) == 3:
            wall, rss, cpu = float(fields[0]), int(fields[1]), float(fields[2])
        else:
            wall, rss, cpu = float("nan"), 0, float("nan")
        if sys.platform == "darwin":
            rss //= 1024  # ru_maxrss is bytes on macOS, KiB on Linux
        return wall, rss, cpu, rc, out.read().decode(errors="replace"), err.read().decode(errors="replace")


_built = {}


def build_helper(name):
    """Compiles Benchmarks/NAME.c (once per run) into .build/bench/NAME; returns its path."""
    if name in _built:
        return _built[name]
    os.makedirs(BUILD, exist_ok=True)
    out = os.path.join(BUILD, name)
    flags = []
    if name == "yaml_scan":
        flags = subprocess.run(["pkg-config", "--cflags", "--libs", "yaml-0.1"], capture_output=True,
                               text=True, check=True).stdout.split()
    subprocess.run(["cc", "-O2", "-o", out, os.path.join(ROOT, "Benchmarks", name + ".c")] + flags, check=True)
    _built[name] = out
    return out


def measure(*commands, runs=5, cwd=None, env=None):
    """Runs each command once unmeasured (to fill the page cache), then `runs` rounds in
    which every command runs once, interleaved, so that load from other processes falls on
    all of them alike. Returns one Measurement per command; a command that fails is not run
    again."""
    results = [Measurement(list(c)) for c in commands]
    for m in results:
        m.record(run_once(m.command, cwd, env))
        m.times_s.clear()
        m.cpu_s.clear()
        m.peak_rss_kb = 0
    for _ in range(runs):
        for m in results:
            if m.returncode == 0:
                m.record(run_once(m.command, cwd, env))
    return results


# ---------------------------------------------------------------------------- reporting

@dataclasses.dataclass
class Row:
    """One figure: a measurement against its reference and targets."""
    name: str
    measured: Measurement = None
    reference: Measurement = None
    max_ratio: float = None     # target: measured median <= max_ratio * reference median
    max_mb: float = None        # target: peak memory below this
    note: str = ""              # shown instead of numbers when the figure could not be taken
    max_s: float = None         # target: measured median at most this many seconds

    def ratio(self):
        if not (self.measured and self.reference and self.measured.ok and self.reference.ok):
            return None
        if self.reference.median_s <= 0:
            return None
        return self.measured.median_s / self.reference.median_s

    def cpu_ratio(self):
        """The same ratio in CPU time (user + system): steadier than wall time when other
        processes share the machine, shown beside it for that reason."""
        if self.ratio() is None or not self.reference.median_cpu_s > 0:
            return None
        return self.measured.median_cpu_s / self.reference.median_cpu_s

    def passed(self):
        if self.note or not self.measured or not self.measured.ok:
            return None
        ok = True
        r = self.ratio()
        if self.max_ratio is not None:
            ok = ok and r is not None and r <= self.max_ratio
        if self.max_mb is not None:
            ok = ok and self.measured.peak_mb < self.max_mb
        if self.max_s is not None:
            ok = ok and self.measured.median_s <= self.max_s
        return ok


@dataclasses.dataclass
class Section:
    name: str
    title: str
    intro: str
    rows: list
    notes: list = dataclasses.field(default_factory=list)
    raw: str = ""               # a table a benchmark program printed itself, shown instead of rows

    def markdown(self):
        lines = [f"## {self.title}", "", self.intro, ""]
        if self.raw:
            lines.append(self.raw.strip())
            if self.notes:
                lines.append("")
                lines.extend(f"- {n}" for n in self.notes)
            return "\n".join(lines) + "\n"
        lines.append("| figure | median | peak memory | reference median | reference peak | ratio | ratio (CPU time) | target | result |")
        lines.append("| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- |")
        for r in self.rows:
            target = " and ".join(t for t in [
                f"≤ {r.max_s:g} s" if r.max_s is not None else "",
                f"≤ {r.max_ratio:g}× reference" if r.max_ratio is not None else "",
                f"< {r.max_mb:g} MB" if r.max_mb is not None else ""] if t) or "—"
            ref = r.reference
            ref_med = fmt_s(ref.median_s) if ref and ref.ok else "—"
            ref_mem = fmt_mb(ref.peak_mb) if ref and ref.ok else "—"
            if r.note or not r.measured:
                lines.append(f"| {r.name} | — | — | {ref_med} | {ref_mem} | — | — | {target} | not run: {r.note} |")
                continue
            m = r.measured
            if not m.ok:
                lines.append(f"| {r.name} | — | — | {ref_med} | {ref_mem} | — | — | {target} | **FAIL**: exit status {m.returncode} |")
                continue
            ratio, cpu = r.ratio(), r.cpu_ratio()
            verdict = {True: "pass", False: "**FAIL**", None: "—"}[r.passed()]
            lines.append(f"| {r.name} | {fmt_s(m.median_s)} | {fmt_mb(m.peak_mb)} | {ref_med} | {ref_mem} | "
                         f"{f'{ratio:.2f}×' if ratio is not None else '—'} | {f'{cpu:.2f}×' if cpu is not None else '—'} | "
                         f"{target} | {verdict} |")
        if self.notes:
            lines.append("")
            lines.extend(f"- {n}" for n in self.notes)
        return "\n".join(lines) + "\n"


def fmt_s(s):
    return f"{s * 1000:.0f} ms" if s < 10 else f"{s:.2f} s"


def fmt_mb(mb):
    return f"{mb:.1f} MB"


def machine():
    """Facts about this machine and toolchain for the report header."""
    cpu = "unknown"
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        cpu = platform.processor() or "unknown"
    mem = "unknown"
    try:
        with open("/proc/meminfo") as f:
            for line in f:
                if line.startswith("MemTotal:"):
                    mem = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
                    break
    except OSError:
        pass
    try:
        swift = subprocess.run(["swift", "--version"], capture_output=True, text=True, timeout=60).stdout
        swift = next((l.strip() for l in swift.splitlines() if "Swift version" in l), swift.strip() or "unknown")
    except (OSError, subprocess.SubprocessError):
        swift = "unknown"
    try:
        load = " / ".join(f"{x:.2f}" for x in os.getloadavg())
    except OSError:
        load = "unknown"
    return {
        "date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "cpus (nproc)": str(os.cpu_count()),
        "cpu": cpu,
        "memory": mem,
        "os": f"{platform.system()} {platform.release()}",
        "swift": swift,
        "load average at start (1/5/15 min)": load,
    }


def write_report(path, info, sections, runs):
    """Writes the header and replaces (or appends) each section's marked block."""
    old = ""
    if os.path.exists(path):
        with open(path, encoding="utf-8") as f:
            old = f.read()
    blocks = {m.group(1): m.group(0) for m in re.finditer(r"<!-- bench:(\w+) -->.*?<!-- /bench:\1 -->\n?", old, re.S)}
    for s in sections:
        blocks[s.name] = f"<!-- bench:{s.name} -->\n{s.markdown()}<!-- /bench:{s.name} -->\n"
    order = [name for name, _ in SECTIONS] + sorted(set(blocks) - {name for name, _ in SECTIONS})
    header = ["# Benchmarks", "",
              "Written by `make bench` (`scripts/bench.py`). Each figure is the median wall time over "
              f"{runs} runs after one warm-up run, and the peak resident memory of the process; the "
              "reference is measured in the same run on the same input, its runs interleaved with the "
              "figure's. Times on a shared machine vary; compare ratios rather than absolute times, and "
              "the CPU-time ratio when the machine was busy (see the load average).", "",
              "| machine | |", "| --- | --- |"]
    header += [f"| {k} | {v} |" for k, v in info.items()]
    text = "\n".join(header) + "\n\n" + "\n".join(blocks[n] for n in order if n in blocks)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


# ---------------------------------------------------------------------------- helpers

class Context:
    def __init__(self, runs, workdir):
        self.runs = runs
        self.workdir = workdir

    def yaml_scan(self):
        """The reference libyaml event scan (Benchmarks/yaml_scan.c), built once."""
        return build_helper("yaml_scan")

    def stack(self, resources, files):
        """Generates (once) a stack of `resources` resources over `files` files."""
        out = os.path.join(self.workdir, f"stack-{resources}")
        if not os.path.isdir(out):
            subprocess.run([sys.executable, os.path.join(ROOT, "scripts", "gen_stack.py"), out,
                            "--resources", str(resources), "--files", str(files)], check=True, stderr=subprocess.DEVNULL)
        return out


def has_subcommand(binary, name):
    """True if `binary` exists and lists `name` among its subcommands."""
    if not os.access(binary, os.X_OK):
        return False
    try:
        r = subprocess.run([binary, "--help"], capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.SubprocessError):
        return False
    return re.search(rf"^\s+{re.escape(name)}\b", r.stdout + r.stderr, re.M) is not None


def yaml_files(directory):
    return sorted(os.path.join(directory, f) for f in os.listdir(directory) if f.endswith((".yaml", ".yml")))


def dir_size(directory):
    return sum(os.path.getsize(p) for p in yaml_files(directory))


# ---------------------------------------------------------------------------- sections

def note_scan(notes, resources, reference):
    if reference.ok:
        notes.append(f"{resources:,} resources: yaml_scan saw {reference.stdout.strip()}.")
    else:
        notes.append(f"{resources:,} resources: yaml_scan failed: {reference.stderr.strip()[:300]}")


def section_validate(ctx):
    """`ecsform validate` on generated stacks against libyaml's bare event scan."""
    scan = ctx.yaml_scan()
    have_validate = has_subcommand(ECSFORM, "validate")
    rows, notes = [], []
    for resources in (1_000, 10_000):
        files = max(1, resources // 200)
        stack = ctx.stack(resources, files)
        paths = yaml_files(stack)
        size = dir_size(stack)
        print(f"validate: {resources} resources, {files} files, {size / 1e6:.1f} MB", file=sys.stderr)
        name = f"validate, {resources:,} resources ({files} files, {size / 1e6:.1f} MB)"
        if not have_validate:
            (reference,) = measure([scan] + paths, runs=ctx.runs)
            note_scan(notes, resources, reference)
            shown = os.path.relpath(ECSFORM, ROOT) if ECSFORM.startswith(ROOT) else ECSFORM
            why = (f"`{shown}` has no `validate` command yet" if os.access(ECSFORM, os.X_OK)
                   else f"`{shown}` is not built (`swift build -c release --static-swift-stdlib`)")
            rows.append(Row(name, reference=reference, max_ratio=3, max_mb=150, note=why))
            continue
        measured, reference = measure([ECSFORM, "validate", stack], [scan] + paths, runs=ctx.runs)
        note_scan(notes, resources, reference)
        if not measured.ok:
            first = (measured.stderr or measured.stdout).strip().splitlines()[:5]
            notes.append(f"{resources:,} resources: validate exited {measured.returncode}: " + " / ".join(first))
        rows.append(Row(name, measured=measured, reference=reference, max_ratio=3, max_mb=150))
    return Section(
        "validate", "validate",
        "Parse and check a generated stack (`scripts/gen_stack.py`, seed 42) with "
        "`.build/release/ecsform validate DIR`. Reference: `Benchmarks/yaml_scan.c`, which only calls "
        "libyaml's `yaml_parser_parse` until STREAM-END over the same files.",
        rows, notes)


YAML_PARSE_PACKAGE = """// swift-tools-version:6.1
// Generated by scripts/bench.py: the YAML layer alone, linked from the ecsform sources.
import PackageDescription
let package = Package(
    name: "yaml-parse",
    targets: [
        .systemLibrary(name: "CYAML", path: "Sources/CYAML", pkgConfig: "yaml-0.1"),
        .target(name: "YAML", dependencies: ["CYAML"], path: "Sources/YAML"),
        // With ecsform's allocator (see its Package.swift), so the layer is measured as it runs.
        .executableTarget(name: "yaml-parse", dependencies: ["YAML"], path: "Sources/yaml-parse",
                          linkerSettings: [.linkedLibrary("mimalloc")]),
    ]
)
"""


def build_yaml_parse():
    """Builds Benchmarks/yaml-parse in a package under .build/bench that links Sources/YAML
    and Sources/CYAML by symlink; returns the binary's path, or None with the build log."""
    pkg = os.path.join(BUILD, "yaml-parse")
    sources = os.path.join(pkg, "Sources")
    os.makedirs(sources, exist_ok=True)
    for name, target in [("YAML", "Sources/YAML"), ("CYAML", "Sources/CYAML"), ("yaml-parse", "Benchmarks/yaml-parse")]:
        link = os.path.join(sources, name)
        if not os.path.islink(link):
            os.symlink(os.path.join(ROOT, target), link)
    with open(os.path.join(pkg, "Package.swift"), "w") as f:
        f.write(YAML_PARSE_PACKAGE)
    r = subprocess.run(["swift", "build", "-c", "release", "--static-swift-stdlib", "--package-path", pkg], capture_output=True, text=True)
    if r.returncode != 0:
        return None, (r.stdout + r.stderr)[-2000:]
    return os.path.join(pkg, ".build", "release", "yaml-parse"), ""


def section_yaml(ctx):
    """The YAML layer alone (YAMLParser.parse into Node trees) against libyaml's bare event scan:
    the share of validate's 3x budget that parsing takes."""
    scan = ctx.yaml_scan()
    binary, log = build_yaml_parse()
    rows, notes = [], []
    for resources in (1_000, 10_000):
        files = max(1, resources // 200)
        stack = ctx.stack(resources, files)
        paths = yaml_files(stack)
        name = f"YAML parse, {resources:,} resources ({files} files, {dir_size(stack) / 1e6:.1f} MB)"
        if binary is None:
            (reference,) = measure([scan] + paths, runs=ctx.runs)
            rows.append(Row(name, reference=reference, max_ratio=2, note="yaml-parse did not build"))
            continue
        measured, reference = measure([binary] + paths, [scan] + paths, runs=ctx.runs)
        if measured.ok:
            notes.append(f"{resources:,} resources: yaml-parse built {measured.stdout.strip()}; yaml_scan saw {reference.stdout.strip()}.")
        else:
            notes.append(f"{resources:,} resources: yaml-parse exited {measured.returncode}: {measured.stdout.strip()[:300]}")
        rows.append(Row(name, measured=measured, reference=reference, max_ratio=2))
    if binary is None:
        notes.append("yaml-parse build failed: " + log.strip().replace("\n", " / ")[-600:])
    notes.append("Every tree is kept until the process ends, as a loader merging a stack directory would. "
                 "The 2× target is this layer's own budget inside validate's 3×; the process start of a "
                 "Swift binary (a few ms) weighs most on the small stack.")
    return Section(
        "yaml", "YAML layer",
        "`Benchmarks/yaml-parse` parses every file of the generated stacks with `YAMLParser.parse(contentsOf:)` "
        "into `Node` trees; it is built as the ecsform binary is (Swift runtime linked statically, mimalloc). "
        "Reference: `Benchmarks/yaml_scan.c` over the same files.",
        rows, notes)


@dataclasses.dataclass
class TableSection:
    """A section whose figures come as a ready Markdown table (ecsform-bench's)."""
    name: str
    title: str
    intro: str
    table: str
    notes: list = dataclasses.field(default_factory=list)
    rows: list = dataclasses.field(default_factory=list)

    def markdown(self):
        lines = [f"## {self.title}", "", self.intro, "", self.table.strip()]
        if self.notes:
            lines.append("")
            lines.extend(f"- {n}" for n in self.notes)
        return "\n".join(lines) + "\n"


def section_placement(ctx):
    """Placement of 100,000 and 1,000,000 tasks on 5,000 instances, in memory (the Placer) and
    through the store (instances registered in SQLite, tasks placed and written by BulkRunTasks).
    Targets: 30,000 placements/s in memory, 5,000/s through the store, < 1 GiB for the million."""
    binary = os.path.join(ROOT, ".build", "release", "ecsform-bench")
    if not os.path.exists(binary):
        r = subprocess.run(["swift", "build", "-c", "release", "--static-swift-stdlib", "--product", "ecsform-bench"], cwd=ROOT, capture_output=True, text=True)
        if r.returncode != 0:
            return TableSection("placement", "Orchestrator placement", "ecsform-bench did not build.", "",
                                [(r.stdout + r.stderr)[-600:].replace("\n", " / ")])
    results = []
    for drivers, runs in (("memory", max(1, min(ctx.runs, 3))), ("store", 1)):
        args = ["--rows", "binpack,spread"] if drivers == "store" else []
        r = subprocess.run([binary, "placement", "--drivers", drivers, "--runs", str(runs)] + args, capture_output=True, text=True)
        results.append((drivers, r.returncode, r.stdout, r.stderr))
    return placement_section(results)


def placement_section(results):
    """The placement section from ecsform-bench outputs: [(drivers, exit status, stdout, stderr)]."""
    tables, notes = [], []
    for drivers, returncode, stdout, stderr in results:
        if returncode != 0:
            notes.append(f"{drivers}: ecsform-bench exited {returncode}: {stderr.strip()[-300:]}")
            continue
        rows = [l for l in stdout.splitlines() if l.startswith("|")]
        tables.append(rows if not tables else rows[2:])
        for l in rows[2:]:
            cells = [c.strip() for c in l.strip("|").split("|")]
            try:
                rate, peak, tasks = float(cells[6]), float(cells[7]), int(cells[3])
            except (ValueError, IndexError):
                continue
            if tasks not in (100_000, 1_000_000):
                continue
            target = 30_000 if drivers == "memory" else 5_000
            ok = rate >= target and (tasks != 1_000_000 or peak < 1024)
            notes.append(f"{cells[0]}, {cells[1]}, {tasks:,} tasks: {rate:,.0f}/s, {peak:.0f} MiB peak — "
                         f"target ≥ {target:,}/s{' and < 1 GiB' if tasks == 1_000_000 else ''}: {'pass' if ok else '**FAIL**'}")
    table = "\n".join(l for t in tables for l in t)
    notes.append("In memory: runs per row as shown by --runs (median). Through the store: one run per row; each run "
                 "registers 5,000 container instances in a fresh store first (not timed), then one BulkRunTasks action "
                 "builds the snapshot from SQLite, places every task and writes every task row in one transaction. "
                 "Where the kernel refuses to reset VmHWM, a row's peak includes the rows before it in the same process.")
    return TableSection(
        "placement", "Orchestrator placement",
        "`ecsform-bench placement` (Benchmarks/ecsform-bench): tasks of 16 CPU units / 64 MiB on 5,000 instances of "
        "4,096 CPU units / 16,384 MiB. Peak RSS is the process's VmHWM, reset before each run.",
        table, notes)


def edit_copy(stack, out, changes):
    """Copies `stack` to `out` with `changes` task roles' descriptions changed: a plan against
    it (same state) has exactly that many updates in place."""
    if os.path.isdir(out):
        return out
    shutil.copytree(stack, out)
    done = 0
    for path in yaml_files(out):
        with open(path) as f:
            lines = f.read().split("\n")
        for i, line in enumerate(lines):
            if done >= changes:
                break
            m = re.match(r"^(\s+description: Lets .*)$", line)
            if m:
                lines[i] = f"{m.group(1)} (changed)"
                done += 1
        with open(path, "w") as f:
            f.write("\n".join(lines))
    return out


def section_engine(ctx, resources=None):
    """plan/apply/drift through the real binary, the LocalProvider and the embedded
    orchestrator on a generated stack (10,000 resources; ECSFORM_BENCH_ENGINE_RESOURCES
    overrides, for a quicker look)."""
    resources = resources or int(os.environ.get("ECSFORM_BENCH_ENGINE_RESOURCES", "10000"))
    scan = ctx.yaml_scan()
    files = max(1, resources // 200)
    stack = ctx.stack(resources, files)
    paths = yaml_files(stack)
    intro = (f"`.build/release/ecsform` on a generated stack of {resources:,} resources ({files} files, "
             f"{dir_size(stack) / 1e6:.1f} MB; `scripts/gen_stack.py`, seed 42) with the embedded orchestrator "
             "(`--orchestrator` a temporary directory) and a state file beside it. Apply from empty removes both "
             "before each run. Plans and drift run against the applied stack. Reference for the plan: "
             "`Benchmarks/yaml_scan.c` over the same files.")
    if not has_subcommand(ECSFORM, "apply"):
        return Section("engine", "Engine: plan, apply, drift", intro, [], ["not run: no release ecsform with `apply`"])
    work = os.path.join(ctx.workdir, f"engine-{resources}")
    os.makedirs(work, exist_ok=True)
    orch, state = os.path.join(work, "orchestrator"), os.path.join(work, "state.json")
    env = dict(os.environ, ECSFORM_ORCHESTRATOR=orch, ECSFORM_STATE=state, NO_COLOR="1")
    rows, notes = [], []
    apply_runs = max(1, min(ctx.runs, 3))
    fresh = ["sh", "-c", f'rm -rf "{orch}" "{state}" "{state}".* && exec "{ECSFORM}" apply "{stack}" --auto-approve > /dev/null']
    print(f"engine: apply from empty, {resources} resources", file=sys.stderr)
    (applied,) = measure(fresh, runs=apply_runs, env=env)
    rows.append(Row(f"apply from empty, {resources:,} resources", measured=applied, max_s=10, max_mb=300))
    if not applied.ok:
        notes.append(f"apply exited {applied.returncode}: " + " / ".join((applied.stderr or applied.stdout).strip().splitlines()[-5:]))
        return Section("engine", "Engine: plan, apply, drift", intro, rows, notes)
    print("engine: plan with no changes", file=sys.stderr)
    plan, reference = measure([ECSFORM, "plan", stack, "--detailed-exitcode"], [scan] + paths, runs=ctx.runs, env=env)
    rows.append(Row(f"plan, no changes, {resources:,} resources", measured=plan, reference=reference,
                    max_ratio=4, max_s=1, max_mb=300))
    if not plan.ok:
        notes.append(f"plan --detailed-exitcode exited {plan.returncode} (0 = no changes): "
                     + " / ".join((plan.stderr or plan.stdout).strip().splitlines()[-5:]))
    changed = edit_copy(stack, os.path.join(work, "stack-10-changes"), 10)
    print("engine: plan with 10 changes", file=sys.stderr)
    (plan10,) = measure([ECSFORM, "plan", changed], runs=ctx.runs, env=env)
    rows.append(Row(f"plan, 10 changes, {resources:,} resources", measured=plan10, max_s=1, max_mb=300))
    m = re.search(r"Plan: .*", plan10.stdout)
    notes.append(f"10-change plan summary: {m.group(0) if m else (plan10.stderr or plan10.stdout).strip()[-200:]}")
    print("engine: drift", file=sys.stderr)
    (drift,) = measure([ECSFORM, "drift", stack], runs=ctx.runs, env=env)
    rows.append(Row(f"drift, {resources:,} resources", measured=drift, max_s=1, max_mb=300))
    if not drift.ok:
        notes.append(f"drift exited {drift.returncode} (0 = in sync): " + " / ".join((drift.stderr or drift.stdout).strip().splitlines()[-5:]))
    notes.append(f"apply from empty: {apply_runs} runs (each on an empty orchestrator and no state); the others {ctx.runs}.")
    return Section("engine", "Engine: plan, apply, drift", intro, rows, notes)


SECTIONS = [
    ("yaml", section_yaml),
    ("validate", section_validate),
    ("placement", section_placement),
    ("engine", section_engine),
]


def main(argv=None):
    p = argparse.ArgumentParser(description="Measure ecsform and write BENCHMARKS.md.")
    p.add_argument("--runs", type=int, default=5, help="measured runs per figure (default 5)")
    p.add_argument("--only", action="append", choices=[n for n, _ in SECTIONS], help="run only these sections")
    p.add_argument("--output", default=os.path.join(ROOT, "BENCHMARKS.md"))
    p.add_argument("--keep", action="store_true", help="keep the generated stacks (prints where)")
    args = p.parse_args(argv)

    info = machine()
    workdir = tempfile.mkdtemp(prefix="ecsform-bench.")
    try:
        ctx = Context(args.runs, workdir)
        done = []
        for name, fn in SECTIONS:
            if args.only and name not in args.only:
                continue
            section = fn(ctx)
            done.append(section)
            print(section.markdown())
        write_report(args.output, info, done, args.runs)
        print(f"wrote {args.output}", file=sys.stderr)
        failed = [r.name for s in done for r in s.rows if r.passed() is False]
        if failed:
            print("targets missed: " + "; ".join(failed), file=sys.stderr)
    finally:
        if args.keep:
            print(f"stacks kept in {workdir}", file=sys.stderr)
        else:
            shutil.rmtree(workdir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
