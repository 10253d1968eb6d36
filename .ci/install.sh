#!/usr/bin/env bash
# `make install` / `make uninstall`: copies the staged release (.build/stage, written by
# .ci/release.sh) under PREFIX, or removes exactly those files again.
set -euo pipefail
cd "$(dirname "$0")/.."
action=$1
prefix=$2
files=(
    "bin/tresor"
    "share/man/man1/tresor.1"
    "share/bash-completion/completions/tresor"
    "share/zsh/site-functions/_tresor"
    "share/fish/vendor_completions.d/tresor.fish"
)
if [ "$action" = uninstall ]; then
    for file in "${files[@]}"; do rm -f "$prefix/$file"; done
    echo "removed tresor from $prefix"
    exit 0
fi
stage=$(echo .build/stage/tresor-*)
[ -x "$stage/tresor" ] || { echo "install: run make release first" >&2; exit 1; }
sources=(tresor tresor.1 completions/tresor.bash completions/tresor.zsh completions/tresor.fish)
for index in "${!files[@]}"; do
    mode=644
    [ "$index" = 0 ] && mode=755
    install -D -m "$mode" "$stage/${sources[$index]}" "$prefix/${files[$index]}"
done
echo "installed tresor $("$prefix/bin/tresor" --version | cut -d' ' -f2) under $prefix"
