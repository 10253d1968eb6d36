#!/usr/bin/env python3
"""Before/after: two tresor binaries on the main figures, interleaved run by run.

Usage: ab.py OLD NEW --work DIR [--out FILE]

Uses the workloads `make bench` generated (medium, large, vault). Each row alternates OLD
and NEW for the same number of runs, so load from elsewhere on the machine hits both.
"""

import argparse
import os
import shutil
import statistics
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from run import fmt, remover, run_once  # noqa: E402


def interleaved(binaries, argv, cwd, env, stdin=None, prepare=None, runs=7):
    samples = {b: [] for b in binaries}
    peaks = {b: 0 for b in binaries}
    for attempt in range(runs + 1):
        for binary in binaries:
            if prepare:
                prepare()
            elapsed, rss, _ = run_once([binary] + argv, cwd, env, stdin)
            if attempt:  # the first round warms the caches
                samples[binary].append(elapsed)
                peaks[binary] = max(peaks[binary], rss)
    return samples, peaks


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("old")
    parser.add_argument("new")
    parser.add_argument("--work", required=True)
    parser.add_argument("--out")
    args = parser.parse_args()
    scratch = os.path.join(args.work, "scratch")
    out = os.path.join(scratch, "ab-out")
    value = os.path.join(scratch, "value.txt")
    with open(value, "w") as f:
        f.write("fake-bench-value")

    def workload(size):
        path = os.path.join(args.work, size)
        env = dict(os.environ, TRESOR_KEY_FILE=os.path.join(path, "master.key"))
        return path, env

    created = os.path.join(args.work, "vault", "vault", "BENCH_AB.yaml")
    rows = [
        ("start-up `--version`", "medium", ["--version"], {}),
        ("medium `render inputs/`", "medium", ["render", "inputs", "--out", out],
         {"prepare": remover(out)}),
        ("medium `render processes/`", "medium", ["render", "processes", "--out", out],
         {"prepare": remover(out)}),
        ("large `render -`", "large", ["render", "-"], {"stdin": "input.json"}),
        ("large `usage`", "large", ["usage"], {"runs": 5}),
        ("large `validate`", "large", ["validate"], {"runs": 5}),
        ("10,000 secrets `create`", "vault",
         ["create", "BENCH_AB", "--display-name", "ab", "--type", "password",
          "--value-file", value],
         {"prepare": lambda: os.path.exists(created) and os.unlink(created)}),
        ("10,000 secrets `edit --value-file`", "vault",
         ["edit", "BENCH_AB", "--value-file", value], {}),
    ]
    lines = [
        "| figure | before: median (min-max), RSS | after: median (min-max), RSS | after / before |",
        "|---|---|---|---|",
    ]
    for title, size, argv, options in rows:
        cwd, env = workload(size)
        stdin = options.get("stdin")
        samples, peaks = interleaved(
            [args.old, args.new], argv, cwd, env,
            stdin=os.path.join(cwd, stdin) if stdin else None,
            prepare=options.get("prepare"), runs=options.get("runs", 7))
        cells = []
        for binary in (args.old, args.new):
            s = samples[binary]
            cells.append(
                f"{fmt(statistics.median(s))} ({fmt(min(s))}-{fmt(max(s))}), "
                f"{peaks[binary] / 1024:.0f} MB")
        ratio = statistics.median(samples[args.new]) / statistics.median(samples[args.old])
        lines.append(f"| {title} | {cells[0]} | {cells[1]} | {ratio:.2f}x |")
        print(lines[-1], flush=True)
    if os.path.exists(created):
        os.unlink(created)
    shutil.rmtree(out, ignore_errors=True)
    if args.out:
        with open(args.out, "w") as f:
            f.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
