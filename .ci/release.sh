#!/usr/bin/env bash
# `make release`: builds tresor with the Swift standard library, Foundation, libsodium,
# libyaml and libxml2 (with the ICU, zlib and liblzma it needs) linked statically, so that
# only glibc, libstdc++ and libgcc_s stay dynamic; then stages and packs
# dist/tresor-VERSION-linux-ARCH.tar.gz.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH=/opt/swift/usr/bin:$PATH

version=$(bash .ci/version.sh)
arch=$(uname -m)
libs=/usr/lib/$arch-linux-gnu
static=$PWD/.build/static-libs

# SwiftPM links `-lsodium`, `-lyaml`, `-lxml2` (module maps, pkg-config; FoundationXML
# too) by name. A folder holding only the archives, named first through pkg-config files
# of our own, makes the linker pick the archives over the shared libraries.
rm -rf "$static"
mkdir -p "$static/pkgconfig"
for lib in sodium yaml xml2; do ln -s "$libs/lib$lib.a" "$static/lib$lib.a"; done
for pc in libsodium:sodium: yaml-0.1:yaml: libxml-2.0:xml2:-I/usr/include/libxml2; do
    IFS=: read -r name lib cflags <<< "$pc"
    printf 'Name: %s\nDescription: static %s\nVersion: 0\nLibs: -L%s -l%s\nCflags: %s\n' \
        "$name" "$name" "$static" "$lib" "$cflags" > "$static/pkgconfig/$name.pc"
done
# Limitation: Debian's libxml2 is built with ICU, so the binary carries ICU's data twice
# (Foundation's own and Debian's, about 30 MiB). Limitation: glibc stays dynamic, so the
# binary needs a glibc at least as new as the build host's (2.35 symbols on Debian 12).
# What the static libxml2 needs, after everything else on the link line.
extra=()
for lib in icui18n icuuc icudata z lzma; do extra+=(-Xlinker "$libs/lib$lib.a"); done

log=.build/release-build.log
if ! PKG_CONFIG_PATH=$static/pkgconfig swift build -c release --product tresor \
    --static-swift-stdlib -Xcc "-DTRESOR_VERSION=\"$version\"" "${extra[@]}" > "$log" 2>&1
then
    cat "$log"
    exit 1
fi
# Foundation's own archive draws a linker warning about mktemp; it is not ours to fix.
grep -v "the use of \`mktemp' is dangerous" "$log" | tail -n 3
binary=.build/release/tresor
test -x "$binary"
"$binary" --version | grep -qxF "tresor $version"

# The staged tree is what the tarball holds and what `make install` copies.
name=tresor-$version-linux-$arch
stage=.build/stage/$name
rm -rf .build/stage
mkdir -p "$stage/completions"
strip -o "$stage/tresor" "$binary"
for shell in bash zsh fish; do "$stage/tresor" completion "$shell" > "$stage/completions/tresor.$shell"; done
if [ -f Docs/tresor.1.scd ]; then scdoc < Docs/tresor.1.scd > "$stage/tresor.1"; fi
cp -R Hooks README.md LICENSE "$stage/"
bash .ci/third-party-notices.sh > "$stage/THIRD-PARTY-NOTICES"
mkdir -p dist
tar -C .build/stage -czf "dist/$name.tar.gz" "$name"
ls -l "dist/$name.tar.gz"
