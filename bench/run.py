#!/usr/bin/env python3
"""Runs Tresor's benchmarks beside their references, in the same run, and writes the table.

Usage: run.py --tresor BIN --floor DIR --work DIR [--sizes small,medium,large] [--out FILE]

Every figure is the median of several runs of a fresh process, with min and max, and the
median CPU time (user + system) of those runs; peak RSS is the largest `ru_maxrss` of them
(all from wait4). A render or scan and its references take turns run by run, so a noisy
neighbour slows them alike. Ratios are Tresor's median over the reference's.
"""

import argparse
import datetime
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))


class Timing:
    """Wall-clock samples in ms, peak RSS, and CPU samples (user + system, ms) when the
    runs were measured one by one (a floor summed from parts has none)."""

    def __init__(self, samples, rss_kb, cpu=None):
        self.samples = samples
        self.rss_kb = rss_kb
        self.cpu = cpu or []

    @property
    def median(self):
        return statistics.median(self.samples)

    def cell(self):
        text = f"{fmt(self.median)} ({fmt(min(self.samples))}-{fmt(max(self.samples))})"
        # CPU time beside wall time: a figure on both cores has more CPU than wall, and
        # a busy machine stretches wall time more than CPU time.
        return text + (f"; CPU {fmt(statistics.median(self.cpu))}" if self.cpu else "")


def fmt(ms):
    if ms >= 1000:
        return f"{ms / 1000:.2f} s"
    if ms >= 100:
        return f"{ms:.0f} ms"
    return f"{ms:.1f} ms"


def run_once(argv, cwd, env, stdin_path=None):
    stdin = open(stdin_path, "rb") if stdin_path else subprocess.DEVNULL
    # Standard error goes to a file, not a pipe: a command with many findings would fill
    # a pipe that nobody reads until it exits, and block.
    with tempfile.TemporaryFile() as stderr:
        start = time.perf_counter()
        process = subprocess.Popen(
            argv, cwd=cwd, env=env, stdin=stdin, stdout=subprocess.DEVNULL, stderr=stderr)
        _, status, usage = os.wait4(process.pid, 0)
        elapsed = (time.perf_counter() - start) * 1000
        cpu = (usage.ru_utime + usage.ru_stime) * 1000
        stderr.seek(0)
        error = stderr.read()
    process.returncode = os.waitstatus_to_exitcode(status)
    if stdin_path:
        stdin.close()
    if process.returncode not in (0, 1):
        sys.exit(f"bench: {' '.join(argv)} exited {process.returncode}: {error[-500:]!r}")
    return elapsed, usage.ru_maxrss, cpu


def measure(argv, cwd, env, stdin=None, prepare=None, runs=None):
    """Median of fresh runs; one unmeasured warm-up run chooses how many (5 to 21)."""
    if prepare:
        prepare()
    first, _, _ = run_once(argv, cwd, env, stdin)
    if runs is None:
        runs = 5 if first > 2000 else 9 if first > 200 else 21
    samples, cpu, peak = [], [], 0
    for _ in range(runs):
        if prepare:
            prepare()
        elapsed, rss, used = run_once(argv, cwd, env, stdin)
        samples.append(elapsed)
        cpu.append(used)
        peak = max(peak, rss)
    return Timing(samples, peak, cpu)


def measure_together(jobs, runs=None):
    """`measure` for several commands run in turn, run by run (A B C A B C ...), so that a
    slow moment of a shared machine falls on all of them alike rather than on whichever
    was being measured then. Each job is (argv, cwd, env, stdin, prepare)."""
    firsts = []
    for argv, cwd, env, stdin, prepare in jobs:
        if prepare:
            prepare()
        firsts.append(run_once(argv, cwd, env, stdin)[0])
    if runs is None:
        slowest = max(firsts)
        runs = 5 if slowest > 2000 else 9 if slowest > 200 else 21
    samples = [[] for _ in jobs]
    cpu = [[] for _ in jobs]
    peaks = [0 for _ in jobs]
    for _ in range(runs):
        for index, (argv, cwd, env, stdin, prepare) in enumerate(jobs):
            if prepare:
                prepare()
            elapsed, rss, used = run_once(argv, cwd, env, stdin)
            samples[index].append(elapsed)
            cpu[index].append(used)
            peaks[index] = max(peaks[index], rss)
    return [Timing(samples[i], peaks[i], cpu[i]) for i in range(len(jobs))]


def remover(path):
    return lambda: shutil.rmtree(path, ignore_errors=True)


class Row:
    def __init__(self, size, figure, tresor, refs, target="", met=None, note=""):
        self.size, self.figure, self.tresor = size, figure, tresor
        self.refs, self.target, self.met, self.note = refs, target, met, note


def ratio(a, b):
    return a / b if b else float("inf")


class Bench:
    def __init__(self, args):
        self.args = args
        self.tresor = os.path.abspath(args.tresor)
        self.floor = os.path.abspath(args.floor)
        self.rows = []
        self.notes = []

    def env(self, workload):
        env = dict(os.environ)
        env["TRESOR_KEY_FILE"] = os.path.join(workload, "master.key")
        env.pop("TRESOR_KEY", None)
        return env

    def floor_open(self, workload, job):
        key = os.path.join(workload, "floor", "key.hex")
        boxes = os.path.join(workload, "floor", f"boxes-{job}.txt")
        return measure([os.path.join(self.floor, "open_values"), key, boxes], workload, None)

    def startup(self):
        hello = measure([os.path.join(self.floor, "hello")], HERE, None)
        version = measure([self.tresor, "--version"], HERE, None)
        self.hello = hello
        hello_static = measure([os.path.join(self.floor, "hello-static")], HERE, None)
        dynamic = measure([os.path.join(self.floor, "tresor-dynamic"), "--version"], HERE, None)
        self.rows.append(Row(
            "-", "start-up: `tresor --version`", version,
            [("hello-world Swift", hello),
             ("hello-world Swift, stdlib linked in", hello_static),
             ("`tresor --version`, stdlib and Foundation dynamic", dynamic)], "(floor)", None))

    def render_folder(self, size, workload, folder, job, with_python):
        env = self.env(workload)
        out = os.path.join(self.args.outputs, "render-out")
        # Tresor, `cp -r` and the Python script take turns, run by run.
        target_copy = os.path.join(self.args.outputs, "cp-out")
        jobs = [
            ([self.tresor, "render", folder, "--out", out], workload, env, None, remover(out)),
            (["cp", "-r", folder, target_copy], workload, None, None, remover(target_copy)),
        ]
        if with_python:
            jobs.append((
                [sys.executable, os.path.join(HERE, "reference_render.py"), "vault",
                 "master.key", folder, out], workload, env, None, remover(out)))
        timings = measure_together(jobs)
        tresor, copied = timings[0], timings[1]
        opened = self.floor_open(workload, job)
        floor = Timing(
            [self.hello.median + opened.median + copied.median],
            max(self.hello.rss_kb, opened.rss_kb, copied.rss_kb))
        refs = [
            ("floor: start-up + open values + `cp -r`", floor),
            (f"  open {count_lines(workload, job)} values (libsodium only)", opened),
            ("  `cp -r` of the same files", copied),
        ]
        target, met = "", None
        if with_python:
            python = timings[2]
            refs.insert(0, ("Python + PyNaCl + PyYAML (C)", python))
            if size == "medium":
                target = ">= 4x faster than Python; <= 1.5x floor"
                met = (ratio(python.median, tresor.median) >= 4
                       and ratio(tresor.median, floor.median) <= 1.5)
        files = count_files(os.path.join(workload, folder))
        self.rows.append(Row(
            size, f"`render {folder}/ --out` ({files} files)", tresor, refs, target, met))

    def render_stdin(self, size, workload):
        env = self.env(workload)
        tresor = measure(
            [self.tresor, "render", "-"], workload, env, stdin=os.path.join(workload, "input.json"))
        opened = self.floor_open(workload, "input")
        floor = Timing([self.hello.median + opened.median], opened.rss_kb)
        big = size == "large"
        self.rows.append(Row(
            size, "`render -` of one input", tresor,
            [("floor: start-up + open its values", floor)],
            "< 10 ms" if big else "", tresor.median < 10 if big else None))

    def scan(self, size, workload, command):
        # Tresor and its references take turns, run by run.
        tresor, rg, grep = measure_together([
            ([self.tresor, command], workload, self.env(workload), None, None),
            (["rg", "-j1", "-c", r"\{\{", "processes"], workload, None, None, None),
            (["grep", "-rc", "{{", "processes"], workload, None, None, None),
        ])
        refs = [("`rg -j1 -c` (one thread)", rg), ("`grep -rc`", grep)]
        target, met = "", None
        if size == "large":
            target = "<= 4x `rg -j1`"
            met = ratio(tresor.median, rg.median) <= 4
            cores = self.cores(workload, command)
            refs += cores
            if cores:
                self.note_busy(command, rg, cores[-1][1])
        if size == "xlarge" and command == "usage":
            target = "peak RSS < 64 MB"
            met = tresor.rss_kb < 64 * 1024
        self.rows.append(Row(size, f"`{command}`", tresor, refs, target, met))
        return tresor

    def cores(self, workload, command):
        """What the second core gives on this machine: Tresor held to one core, and two
        `rg -j1` at once, one per core (on some virtual machines the two cores slow each
        other down, and a scan over both is then less than twice as fast)."""
        if (os.cpu_count() or 1) < 2 or not shutil.which("taskset"):
            return []
        one = measure(
            ["taskset", "-c", "0", self.tresor, command], workload, self.env(workload))
        rg = r"rg -j1 -c '\{\{' processes >/dev/null"
        pair = measure(
            ["sh", "-c", f"taskset -c 0 {rg} & taskset -c 1 {rg}; wait"], workload, None)
        return [(f"`{command}` held to one core (`taskset -c 0`)", one),
                ("two `rg -j1` at once, one per core", pair)]

    def note_busy(self, command, one, pair):
        """Says so under the table when two `rg -j1` at once took much longer than one: the
        second core was not free, and a figure that uses both cores reads high."""
        slowdown = ratio(pair.median, one.median)
        if slowdown > 1.25:
            self.notes.append(
                f"While `{command}` was measured, two `rg -j1` at once took {slowdown:.2f}x as "
                "long as one: the second core was busy with other work, so this run's ratios "
                "for commands that use both cores read high. Measure again when it is quiet.")

    def note_noise(self):
        """Says so under the table when a figure with a target, or its first reference, has
        a median more than 1.2x its fastest run: the machine was busy while it was measured
        (on this kind of shared machine, a neighbour can slow every process for a while,
        whatever core it runs on), and the ratio may be off either way."""
        for row in self.rows:
            if not row.target or row.tresor is None:
                continue
            timings = [("Tresor", row.tresor)] + [(name, t) for name, t in row.refs[:1] if t]
            for name, timing in timings:
                spread = ratio(timing.median, min(timing.samples))
                if len(timing.samples) > 1 and spread > 1.2:
                    label = "Tresor" if name == "Tresor" else f"its reference ({name})"
                    figure = row.figure if row.size == "-" else f"{row.size} {row.figure}"
                    self.notes.append(
                        f"{figure}: the median of {label} is {spread:.2f}x its "
                        "fastest run; the machine was busy while it was measured, so its "
                        "ratio may be off either way. Measure again when it is quiet.")

    def edits(self, workload):
        env = self.env(workload)
        value = os.path.join(self.args.scratch, "value.txt")
        with open(value, "w") as f:
            f.write("fake-bench-value")
        created = os.path.join(workload, "vault", "BENCH_NEW.yaml")
        create = measure(
            [self.tresor, "create", "BENCH_NEW", "--display-name", "bench", "--type",
             "password", "--value-file", value], workload, env,
            prepare=lambda: os.path.exists(created) and os.unlink(created))
        target = [("hello-world Swift", self.hello)]
        count = sum(
            1 for name in os.listdir(os.path.join(workload, "vault"))
            if name.endswith(".yaml") and name not in ("vault.yaml", "BENCH_NEW.yaml"))
        self.rows.append(Row(
            f"{count} secrets", "`create` of one secret", create, target, "< 20 ms",
            create.median < 20))
        # The display name is set back before each run: an edit to the name a secret has
        # already changes nothing and writes nothing.
        edit = measure(
            [self.tresor, "edit", "BENCH_NEW", "--display-name", "bench edited"], workload, env,
            prepare=lambda: subprocess.run(
                [self.tresor, "edit", "BENCH_NEW", "--display-name", "bench"], cwd=workload,
                env=env, capture_output=True, check=True))
        self.rows.append(Row(
            f"{count} secrets", "`edit --display-name`", edit, target, "< 20 ms",
            edit.median < 20))
        edit_value = measure(
            [self.tresor, "edit", "BENCH_NEW", "--value-file", value], workload, env)
        self.rows.append(Row(
            f"{count} secrets", "`edit --value-file`", edit_value, target, "< 20 ms",
            edit_value.median < 20))

    def hook(self):
        """`bench/hook.sh` builds its own repository (1,000 secrets, 5,000 process files)
        and times the hook with three staged files, with a clean working tree and with 5,000
        unstaged changes; each summary line becomes a row, the second beside the first."""
        result = subprocess.run(
            ["bash", os.path.join(HERE, "hook.sh"), self.tresor, "21"],
            capture_output=True, text=True)
        found = re.findall(
            r"\(([^)]*)\).*median ([0-9.]+) ms wall, slowest ([0-9]+) ms, ([0-9.]+) ms CPU",
            result.stdout)
        if result.returncode != 0 or len(found) != 2:
            sys.exit(f"bench: bench/hook.sh failed: {result.stderr[-500:]}")
        (_, clean, clean_slowest, clean_cpu), (_, dirty, dirty_slowest, dirty_cpu) = found
        clean, dirty = float(clean), float(dirty)
        self.rows.append(Row(
            "1,000 secrets, 5,000 files", "pre-commit hook, 3 staged files", None, [],
            "< 50 ms", clean < 50,
            f"{clean} ms median, slowest {clean_slowest} ms, {clean_cpu} ms CPU "
            "(`bench/hook.sh`, 21 runs)"))
        # Independent of unstaged files: CPU time within 1.5x of the clean tree's (git's
        # own status work included, so not exactly equal).
        independent = float(dirty_cpu) <= 1.5 * float(clean_cpu) and dirty < 50
        self.rows.append(Row(
            "1,000 secrets, 5,000 files", "pre-commit hook, same, 5,000 unstaged changes",
            None, [], "independent of unstaged files", independent,
            f"{dirty} ms median, slowest {dirty_slowest} ms, {dirty_cpu} ms CPU "
            f"({float(dirty_cpu) / float(clean_cpu):.2f}x the clean tree's CPU)"))


def count_files(folder):
    return sum(len(files) for _, _, files in os.walk(folder))


def count_lines(workload, job):
    with open(os.path.join(workload, "floor", f"boxes-{job}.txt")) as f:
        return sum(1 for _ in f)


def table(rows):
    lines = [
        "| size | figure | Tresor median (min-max) | peak RSS | reference | median (min-max) "
        "| Tresor / ref | target | met |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for row in rows:
        met = "" if row.met is None else ("yes" if row.met else "**no**")
        if row.tresor is None:
            lines.append(
                f"| {row.size} | {row.figure} | {row.note} | | | | | {row.target} | {met} |")
            continue
        first = True
        refs = row.refs or [("", None)]
        for name, ref in refs:
            cells = ["", "", "", ""] if ref is None else [
                name, ref.cell() if len(ref.samples) > 1 else fmt(ref.median),
                f"{ratio(row.tresor.median, ref.median):.2f}x", ""]
            if first:
                lines.append(
                    f"| {row.size} | {row.figure} | {row.tresor.cell()} | "
                    f"{row.tresor.rss_kb / 1024:.1f} MB | {cells[0]} | {cells[1]} | {cells[2]} "
                    f"| {row.target} | {met} |")
                first = False
            else:
                lines.append(f"| | | | | {cells[0]} | {cells[1]} | {cells[2]} | | |")
    return lines


def machine():
    cpu = "unknown CPU"
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    commit = subprocess.run(
        ["git", "-C", HERE, "rev-parse", "--short", "HEAD"], capture_output=True,
        text=True).stdout.strip()
    return f"{os.cpu_count()} cores, {cpu}, {platform.system()} {platform.release()}; " \
        f"commit {commit or 'unknown'}"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--tresor", required=True)
    parser.add_argument("--floor", required=True, help="folder with the floor programs")
    parser.add_argument("--work", required=True, help="folder with one workload per size")
    parser.add_argument("--sizes", default="small,medium,large")
    parser.add_argument("--out", default=os.path.join(HERE, "results", "latest.md"))
    parser.add_argument(
        "--figures", default="render,stdin,scan,edits",
        help="which figures to measure: render, stdin, scan (usage, validate), edits")
    args = parser.parse_args()
    args.scratch = os.path.join(args.work, "scratch")
    os.makedirs(args.scratch, exist_ok=True)
    # Rendered folders hold plaintext, and the README advises a memory file system for
    # them: renders, the Python script and `cp -r` all write there. On this kind of
    # virtual disk, creating 1,000 files alone varies from 60 to 250 ms between runs.
    args.outputs = args.scratch
    if os.path.isdir("/dev/shm") and os.access("/dev/shm", os.W_OK):
        args.outputs = tempfile.mkdtemp(prefix="tresor-bench-", dir="/dev/shm")
    args.outputs_note = (
        "in memory (/dev/shm)" if args.outputs != args.scratch else "on disk (bench/work)")
    sizes = [s for s in args.sizes.split(",") if s]

    figures = set(args.figures.split(","))
    bench = Bench(args)
    started = time.time()
    bench.startup()
    scans = {}
    for size in sizes:
        workload = os.path.join(args.work, size)
        print(f"bench: {size}", file=sys.stderr)
        if "render" in figures:
            bench.render_folder(size, workload, "inputs", "inputs", with_python=True)
            bench.render_folder(size, workload, "processes", "processes", with_python=False)
        if "stdin" in figures:
            bench.render_stdin(size, workload)
        if "scan" in figures:
            scans[size] = bench.scan(size, workload, "usage")
            bench.scan(size, workload, "validate")
    if "large" in scans and "xlarge" in scans:
        growth = ratio(scans["xlarge"].median, scans["large"].median)
        bench.rows.append(Row(
            "xlarge / large", "`usage` growth for 10x the files",
            Timing([scans["xlarge"].median], scans["xlarge"].rss_kb),
            [("large `usage`", scans["large"])], "<= 12x", growth <= 12))
    if "edits" in figures:
        bench.edits(os.path.join(args.work, "vault"))
        bench.hook()

    if args.outputs != args.scratch:
        shutil.rmtree(args.outputs, ignore_errors=True)
    bench.note_noise()
    lines = table(bench.rows)
    if bench.notes:
        lines += [""] + [f"Note: {note}" for note in bench.notes]
    print("\n".join(lines))
    when = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    header = [
        "# Tresor benchmark results",
        "",
        f"Measured {when} by `make bench` (sizes: {', '.join(sizes)}; figures: "
        f"{args.figures}) in "
        f"{time.time() - started:.0f} s on {machine()}.",
        "Each figure is the median of 5-21 fresh runs (min-max in brackets) after one warm-up "
        "run, then the median CPU time (user + system, all threads) of the same runs. A "
        "render and a scan took turns with their references run by run (Tresor, `cp -r`, "
        "Python; Tresor, `rg`, `grep`); the other references ran just before or after. "
        "The floor of a render is "
        "the sum of the medians of its parts. Workloads come from `bench/generate.py` "
        "(seed 6): small = 100 processes / 50 secrets, medium = 1,000 / 200, large = 5,000 / "
        "500, xlarge = 50,000 / 10,000; `processes/` also holds a JSON task input for every "
        "fifth process, `inputs/` holds one JSON task input per process. Render outputs "
        f"(Tresor's, the Python script's, `cp -r`'s) are written {args.outputs_note}.",
        "",
    ]
    os.makedirs(os.path.dirname(args.out), exist_ok=True)
    with open(args.out, "w") as f:
        f.write("\n".join(header + lines) + "\n")
    print(f"bench: wrote {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
