#!/bin/bash
# Tresor's example deploy script: renders the process folder with `tresor deploy` into a
# private temporary folder, hands it to a deploy command, and always wipes the folder
# afterwards: on success, on failure, and on SIGINT, SIGTERM or SIGHUP.
#
# Usage: Hooks/deploy.sh [TRESOR-DEPLOY-FLAGS... --] DEPLOY-COMMAND [ARGS...]
#   The command runs with the rendered folder in $TRESOR_DEPLOY_DIR; an argument that is
#   exactly {} is replaced by that folder. Its standard output and standard error pass
#   through `tresor redact`, so a value it prints shows as ***.
#   Example: Hooks/deploy.sh -- sh -c 'zbctl deploy "$TRESOR_DEPLOY_DIR"/processes/*/*.bpmn'
# The folder is made under $TMPDIR, else /dev/shm (memory, never on disk), else /tmp.
# Limitation: on a disk, deleting (even after shred) may leave the plaintext in blocks
# the file system or the SSD keeps; use a memory file system (/dev/shm, tmpfs).
# The exit status is the deploy command's, or tresor's when deploy refused to render.
set -euo pipefail

# Only the absolute folders of PATH stay: an empty or relative entry finds commands in the
# repository, and every command here runs with the key in its environment (found by a
# fresh tester). For the same reason bash is named by its path above, not found through
# `env` (found by the next).
absolute=()
IFS=: read -ra entries <<<"$PATH"
for entry in "${entries[@]}"; do
    if [[ $entry == /* ]]; then absolute+=("$entry"); fi
done
PATH=$(IFS=:; printf '%s' "${absolute[*]}")
export PATH

# tresor is taken from $TRESOR, else from PATH (its absolute folders): never from the
# repository, whose files anyone who can commit, or hand over a copy, may choose; it would
# get the master key (found by two fresh testers).
if [ -n "${TRESOR:-}" ]; then
    tresor=$TRESOR
elif ! tresor=$(command -v tresor); then
    echo "deploy.sh: tresor not found (install it with make install, or set TRESOR)" >&2
    exit 2
fi

# Flags for tresor come first, start with '-' and end at '--'; a command's own '--'
# (`deploy.sh echo a -- b`) is the command's.
flags=()
case "${1:-}" in
-*)
    # Flags without the '--' after them: nothing is rendered (it deployed, then failed to
    # run a command named after a flag; found by a seventh fresh tester).
    if ! printf '%s\n' "$@" | grep -qx -- '--'; then
        echo "deploy.sh: usage: deploy.sh [FLAGS... --] COMMAND [ARGS...]:" \
            "put -- between tresor's flags and the command" >&2
        exit 2
    fi
    while [ "$1" != "--" ]; do flags+=("$1"); shift; done
    shift
    ;;
esac
# The redact filters open the vault deploy renders from: its --vault goes to them too (they
# masked another vault's values, found from the current folder, and printed the deployed
# ones in clear: found by a forty-seventh fresh tester).
vault_flags=()
for ((i = 0; i < ${#flags[@]}; i++)); do
    case "${flags[i]}" in
    --vault) vault_flags=(--vault "${flags[i + 1]:-}") ;;
    --vault=*) vault_flags=("${flags[i]}") ;;
    esac
done
[ "$#" -gt 0 ] || { echo "deploy.sh: usage: deploy.sh [FLAGS... --] COMMAND [ARGS...]" >&2; exit 2; }

if [ -z "${TMPDIR:-}" ] && [ -d /dev/shm ] && [ -w /dev/shm ]; then base=/dev/shm; else base=${TMPDIR:-/tmp}; fi
umask 077
work=$(mktemp -d "$base/tresor-deploy.XXXXXX")
child=""

wipe() {
    [ -n "${work:-}" ] && [ -d "$work" ] || return 0
    # One pass of zeros, then a plain unlink: shred's default three random passes and
    # renames, each synced, took 12-15 s for 3,000 files on a disk, longer than a CI
    # runner's grace period between TERM and KILL (found by a thirty-fifth fresh tester);
    # file names hold ids, never values.
    if command -v shred >/dev/null 2>&1; then
        find "$work" -type f -exec shred -n 0 --zero --remove=unlink {} + 2>/dev/null || true
    fi
    rm -rf "$work"
}
# The process ids below `$1`, found with ps.
# Limitation: without ps (procps) only the command itself is stopped on a signal; and
# signals blocked by whoever starts this script stay blocked, so its traps cannot run.
descendants() {
    local pid
    for pid in $(ps -o pid= --ppid "$1" 2>/dev/null); do echo "$pid"; descendants "$pid"; done
}
on_signal() {
    trap - INT TERM HUP
    if [ -n "$child" ]; then
        # shellcheck disable=SC2046 # word splitting of the pid list is intended
        kill -TERM "$child" $(descendants "$child") 2>/dev/null || true
        wait "$child" || true
    fi
    wipe
    exit "$1"
}
trap wipe EXIT
trap 'on_signal 130' INT
trap 'on_signal 143' TERM
trap 'on_signal 129' HUP

"$tresor" deploy ${flags[@]+"${flags[@]}"} --out "$work/out" &
child=$!
wait "$child" || exit $?

args=()
for argument in "$@"; do
    if [ "$argument" = "{}" ]; then args+=("$work/out"); else args+=("$argument"); fi
done
# The command's output goes through `tresor redact` by way of two pipes, so that the
# command itself stays our direct child and a signal can reach it. The first filter is
# quiet: the second says which values are too short to mask, once. Each filter gets the
# master key again (a key command runs three times a deploy).
# A filter that fails (a key command that answers once, a stored value that breaks its
# type) leaves the rest of its stream to be read and thrown away, with a message: the
# command killed by SIGPIPE halfway was worse than its output lost (found by a
# forty-fourth fresh tester). What it printed is never shown unmasked.
mkfifo "$work/stdout.pipe" "$work/stderr.pipe"
discard() {
    echo "deploy.sh: tresor redact failed; the rest of the command's $1 is thrown away" >&2
    cat >/dev/null
}
{ "$tresor" redact ${vault_flags[@]+"${vault_flags[@]}"} --quiet || discard "standard output"; } \
    <"$work/stdout.pipe" &
out_filter=$!
{ "$tresor" redact ${vault_flags[@]+"${vault_flags[@]}"} || discard "standard error"; } \
    <"$work/stderr.pipe" >&2 &
err_filter=$!
# The command never sees the key variables: with TRESOR_KEY it could open every secret.
(
    unset TRESOR_KEY TRESOR_KEY_FILE TRESOR_KEY_COMMAND TRESOR_KEY_COMMAND_TIMEOUT
    TRESOR_DEPLOY_DIR="$work/out" exec -- "${args[@]}"
) >"$work/stdout.pipe" 2>"$work/stderr.pipe" &
child=$!
status=0
wait "$child" || status=$?
child=""
wait "$out_filter" || true
wait "$err_filter" || true
exit "$status"
