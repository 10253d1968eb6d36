#!/usr/bin/env bash
# Times `tresor hook pre-commit` with three staged files (a secret, a BPMN file, a JSON input)
# in a repository of 1,000 secrets and 5,000 process files, then again once 5,000 more
# process files are changed or added in the working tree without being staged (the hook must
# not read them). Prints one line per case: the median and the slowest of RUNS runs and CPU
# time. Works in a temporary folder. Usage: bench/hook.sh PATH-TO-TRESOR [RUNS]
set -euo pipefail
tresor="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"
runs="${2:-21}"
work="$(mktemp -d "${TMPDIR:-/tmp}/tresor-bench.XXXXXX")"
trap 'rm -rf "$work"' EXIT
export XDG_CONFIG_HOME="$work/config" HOME="$work" GIT_CONFIG_NOSYSTEM=1
unset TRESOR_KEY TRESOR_KEY_FILE
cd "$work"
git init -q -b main repo && cd repo
git config user.email bench@example.com && git config user.name Bench
"$tresor" init --quiet
for i in $(seq -w 1 1000); do
    printf 'fake-value-%s' "$i" | "$tresor" create "SECRET_$i" --display-name "Secret $i" \
        --type token --quiet
done
bpmn() { # ID SECRET
    cat <<XML
<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
    xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="d$1">
  <bpmn:process id="p$1" isExecutable="true">
    <bpmn:serviceTask id="upload$1" name="Upload">
      <bpmn:extensionElements>
        <camunda:inputOutput>
          <camunda:inputParameter name="ftp">
            <camunda:map>
              <camunda:entry key="host">ftp.example.com</camunda:entry>
              <camunda:entry key="password">{{secret:$2}}</camunda:entry>
            </camunda:map>
          </camunda:inputParameter>
        </camunda:inputOutput>
      </bpmn:extensionElements>
    </bpmn:serviceTask>
  </bpmn:process>
</bpmn:definitions>
XML
}
for i in $(seq 1 2500); do
    folder="processes/group$((i % 50))"
    mkdir -p "$folder/p$i"
    secret="SECRET_$(printf '%04d' $(( (i % 1000) + 1 )))"
    bpmn "$i" "$secret" > "$folder/p$i.bpmn"
    printf '{"password": "{{secret:%s}}", "user": "u%s"}\n' "$secret" "$i" \
        > "$folder/p$i/task.json"
done
git add -A && git commit -q --no-verify -m "bench repository"
printf 'fake-new' | "$tresor" edit SECRET_0500 --new-value --quiet
bpmn 7 SECRET_0007 | sed 's/Upload/Upload files/' > processes/group7/p7.bpmn
printf '{"password": "{{secret:SECRET_0008}}", "user": "v"}\n' > processes/group8/p8/task.json
git add -A
staged=$(git diff --cached --name-only | wc -l)
files=$(git ls-files | wc -l)
"$tresor" hook pre-commit --verbose

measure() { # LABEL
    local times=() sorted median cpu cpu_ms
    for _ in $(seq 1 "$runs"); do
        start=$(date +%s%N)
        "$tresor" hook pre-commit
        end=$(date +%s%N)
        times+=($(( (end - start) / 1000 )))
    done
    sorted=($(printf '%s\n' "${times[@]}" | sort -n))
    median=${sorted[$(( runs / 2 ))]}
    # CPU time of all the runs, git's processes included: less sensitive to a busy machine.
    TIMEFORMAT="%U %S"
    cpu=$( { time (for _ in $(seq 1 "$runs"); do "$tresor" hook pre-commit; done) ; } 2>&1 )
    cpu_ms=$(awk -v u="${cpu% *}" -v s="${cpu#* }" -v n="$runs" \
        'BEGIN { printf "%.1f", (u + s) * 1000 / n }')
    echo "hook pre-commit ($1): $staged staged files, $files files in the repository," \
        "median $((median / 1000)).$(( (median % 1000) / 100 )) ms wall," \
        "slowest $((sorted[runs - 1] / 1000)) ms, ${cpu_ms} ms CPU per run over $runs runs" \
        "(load average $(cut -d' ' -f1 /proc/loadavg) on $(nproc) cores)"
}

measure "clean working tree"
# 2,500 tracked process files changed and 2,500 new ones, none of them staged.
for i in $(seq 1 2500); do
    folder="processes/group$((i % 50))"
    printf '{"password": "{{secret:SECRET_0001}}", "user": "changed%s"}\n' "$i" \
        > "$folder/p$i/task.json"
    bpmn "x$i" "SECRET_0002" > "$folder/new$i.bpmn"
done
[ "$(git diff --cached --name-only | wc -l)" = "$staged" ] || { echo "staging changed" >&2; exit 1; }
measure "5,000 unstaged changes"
