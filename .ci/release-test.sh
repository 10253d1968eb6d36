#!/usr/bin/env bash
# The release test, run by `make test`: builds the release (static binary, man page,
# completions, tarball), proves the binary needs nothing from /opt/swift and no -dev
# package (ldd shows only base-system libraries; it runs init, create and render inside a
# chroot that holds nothing but the binary and those libraries), and checks the tarball,
# the man page and `make install` / `make uninstall`.
set -euo pipefail
cd "$(dirname "$0")/.."
fail() { echo "release test: FAIL: $*" >&2; exit 1; }

bash .ci/release.sh
version=$(bash .ci/version.sh)
name=tresor-$version-linux-$(uname -m)
tarball=dist/$name.tar.gz
[ -f "$tarball" ] || fail "no $tarball"

work=$(mktemp -d /tmp/tresor-release-test.XXXXXX)
trap 'rm -rf "$work"' EXIT
tar -C "$work" -xzf "$tarball"
unpacked=$work/$name
for file in tresor tresor.1 completions/tresor.bash completions/tresor.zsh \
    completions/tresor.fish Hooks/pre-commit README.md LICENSE THIRD-PARTY-NOTICES; do
    [ -s "$unpacked/$file" ] || fail "the tarball lacks $file"
done
binary=$unpacked/tresor
"$binary" --version | grep -qxF "tresor $version" || fail "--version is not $version"

# Every library the binary loads must come from a package of a base Debian system.
allowed=" libc6 libgcc-s1 libstdc++6 "
ldd "$binary" > "$work/ldd.txt"
! grep -q "not found" "$work/ldd.txt" || fail "unresolved libraries: $(cat "$work/ldd.txt")"
! grep -q /opt/swift "$work/ldd.txt" || fail "the binary loads from /opt/swift"
libraries=$(grep -o '/[^ ]*' "$work/ldd.txt" | sort -u)
for library in $libraries; do
    real=$(readlink -f "$library")
    package=$(dpkg -S "$library" 2>/dev/null || dpkg -S "$real" 2>/dev/null) ||
        fail "$library belongs to no package"
    package=${package%%:*}
    [[ $allowed == *" $package "* ]] || fail "$library comes from $package, not a base package"
done
echo "release test: ldd: $(echo "$libraries" | xargs -n1 basename | tr '\n' ' ')"

bash .ci/release-chroot-test.sh "$binary" "$work/root" "$libraries"

# The man page renders and names every command of the table.
man -l "$unpacked/tresor.1" > "$work/man.txt" 2>/dev/null || fail "man cannot render tresor.1"
for command in $("$binary" help | awk '/^commands:/ {on = 1; next} on && !NF {exit} on {print $1}'); do
    grep -q "^       $command" "$work/man.txt" || fail "the man page lacks the command $command"
done

# make install / make uninstall under a temporary prefix.
bash .ci/install.sh install "$work/prefix" > /dev/null
for file in bin/tresor share/man/man1/tresor.1 share/bash-completion/completions/tresor \
    share/zsh/site-functions/_tresor share/fish/vendor_completions.d/tresor.fish; do
    [ -s "$work/prefix/$file" ] || fail "install did not write $file"
done
bash .ci/install.sh uninstall "$work/prefix" > /dev/null
[ -z "$(find "$work/prefix" -type f)" ] || fail "uninstall left $(find "$work/prefix" -type f)"

size=$(stat -c %s "$binary")
echo "release test: passed ($name: binary $((size / 1024 / 1024)) MiB stripped," \
    "tarball $(($(stat -c %s "$tarball") / 1024 / 1024)) MiB)"
