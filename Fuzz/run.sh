#!/usr/bin/env bash
# Builds the placeholder-scanner fuzzer and runs it for SECONDS (default 10) on a copy of the
# seed corpus in a temporary folder, so nothing is written into the repository. Exits non-zero
# when the fuzzer finds a crash; the crashing input is kept and its folder printed.
# Usage: Fuzz/run.sh [SECONDS]
set -euo pipefail
seconds="${1:-10}"
root="$(cd "$(dirname "$0")/.." && pwd)"
export PATH=/opt/swift/usr/bin:$PATH

# A scratch path of its own keeps the instrumented build away from the normal .build.
swift build --package-path "$root" --product FuzzPlaceholderScanner \
    --scratch-path "$root/.build-fuzz" -c release \
    -Xswiftc -D -Xswiftc FUZZING -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library \
    2> >(grep -v "Cannot export local symbol" >&2)
fuzzer="$root/.build-fuzz/release/FuzzPlaceholderScanner"

work="$(mktemp -d "${TMPDIR:-/tmp}/tresor-fuzz.XXXXXX")"
cp -R "$root/Fuzz/corpus/placeholders" "$work/corpus"
status=0
(cd "$work" && "$fuzzer" corpus -max_total_time="$seconds" -print_final_stats=1 \
    -artifact_prefix="$work/") || status=$?
if [ "$status" -ne 0 ]; then
    echo "fuzz: crash found (exit $status); inputs kept in $work" >&2
    exit "$status"
fi
rm -rf "$work"
