#!/usr/bin/env bash
# Builds one fuzz target (or all) with libFuzzer and AddressSanitizer and runs it for SECONDS
# (default 10) on a copy of its seed corpus in a temporary folder, so nothing is written
# into the repository. The process-file target also reads the shared public BPMN corpus
# (../shared/corpus) in place when it is there. Exits non-zero when a fuzzer finds a crash;
# the crashing input is kept and its folder printed (replay it with `swift run TARGET FILE`).
# Usage: Fuzz/run.sh TARGET|all [SECONDS]
set -euo pipefail
target="${1:?usage: Fuzz/run.sh TARGET|all [SECONDS]}"
seconds="${2:-10}"
root="$(cd "$(dirname "$0")/.." && pwd)"
export PATH=/opt/swift/usr/bin:$PATH
targets=(FuzzPlaceholderScanner FuzzVaultFile FuzzProcessFile FuzzJSONEscaper FuzzEnvelope)

corpus_of() {
    case "$1" in
    FuzzPlaceholderScanner) echo placeholders ;;
    FuzzVaultFile) echo vault-file ;;
    FuzzProcessFile) echo process-file ;;
    FuzzJSONEscaper) echo json-escaper ;;
    FuzzEnvelope) echo envelope ;;
    *) echo "fuzz: unknown target $1 (one of: ${targets[*]})" >&2; exit 2 ;;
    esac
}

run_one() {
    local name="$1" corpus extra=() work status=0
    corpus="$(corpus_of "$name")"
    # A scratch path of its own keeps the instrumented build away from the normal .build.
    swift build --package-path "$root" --product "$name" \
        --scratch-path "$root/.build-fuzz" -c release \
        -Xswiftc -D -Xswiftc FUZZING -Xswiftc -sanitize=fuzzer,address \
        -Xswiftc -parse-as-library 2> >(grep -v "Cannot export local symbol" >&2)
    work="$(mktemp -d "${TMPDIR:-/tmp}/tresor-fuzz.XXXXXX")"
    cp -R "$root/Fuzz/corpus/$corpus" "$work/corpus"
    if [ "$name" = FuzzProcessFile ] && [ -d "$root/../shared/corpus/bpmn-public" ]; then
        extra=("$root/../shared/corpus/bpmn-public")
    fi
    echo "fuzz: $name for ${seconds}s"
    (cd "$work" && LSAN_OPTIONS="suppressions=$root/Fuzz/lsan.supp" \
        "$root/.build-fuzz/release/$name" corpus "${extra[@]}" \
        -max_total_time="$seconds" -print_final_stats=1 -artifact_prefix="$work/") || status=$?
    if [ "$status" -ne 0 ]; then
        echo "fuzz: $name found a crash (exit $status); inputs kept in $work" >&2
        exit "$status"
    fi
    rm -rf "$work"
}

if [ "$target" = all ]; then
    for name in "${targets[@]}"; do run_one "$name"; done
else
    run_one "$target"
fi
