#!/usr/bin/env bash
# `make bench`: installs the references, builds them and Tresor (release), generates the
# workloads once per size and seed, then runs bench/run.py. SIZES=small,medium,large by
# default; add xlarge (50,000 processes, ~1 GB, ~10 more minutes) with
# `make bench SIZES=small,medium,large,xlarge`. FIGURES=scan (or render, stdin, edits, comma-
# separated) measures only those; OUT names the results file.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH=/opt/swift/usr/bin:$PATH
SIZES="${SIZES:-small,medium,large}"
FIGURES="${FIGURES:-render,stdin,scan,edits}"
OUT="${OUT:-bench/results/latest.md}"
WORK="${BENCH_WORK:-$PWD/bench/work}"

# The references: ripgrep and a C compiler from Debian, PyNaCl and PyYAML from PyPI.
missing=""
for p in ripgrep gcc libsodium-dev pkg-config; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' || missing="$missing $p"
done
if [ -n "$missing" ]; then
  echo "bench: installing$missing"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing >/dev/null
fi
python3 -c 'import nacl, yaml; assert yaml.__with_libyaml__' 2>/dev/null \
  || python3 -m pip install -q pynacl pyyaml

# The release build as `make release` makes it, and the default dynamic build beside it
# for the start-up row.
# Build output is kept out of the table, but a failing build says what failed.
quiet() { local log; log=$(mktemp); "$@" >"$log" 2>&1 || { cat "$log" >&2; rm -f "$log";
    echo "bench: '$*' failed (another build in this folder at the same time?)" >&2; exit 1; }
    rm -f "$log"; }
quiet make --no-print-directory release
mkdir -p "$WORK/bin"
# A scratch folder moved from another checkout keeps that checkout's module cache paths.
grep -qs "$WORK/dynamic-build" "$WORK/dynamic-build/release.yaml" || rm -rf "$WORK/dynamic-build"
quiet swift build -c release --scratch-path "$WORK/dynamic-build"
cp "$WORK/dynamic-build/release/tresor" "$WORK/bin/tresor-dynamic"
gcc -O2 -o "$WORK/bin/open_values" bench/floor/open_values.c $(pkg-config --cflags --libs libsodium)
swiftc -O bench/floor/hello.swift -o "$WORK/bin/hello"
swiftc -O -static-stdlib bench/floor/hello.swift -o "$WORK/bin/hello-static"

# A workload is kept while the generator is unchanged.
stamp=$(sha256sum bench/generate.py | cut -c1-16)
for size in ${SIZES//,/ } vault; do
  if [ "$(cat "$WORK/$size/.stamp" 2>/dev/null)" != "$stamp" ]; then
    rm -rf "${WORK:?}/$size"
    python3 bench/generate.py "$size" "$WORK/$size"
    echo "$stamp" > "$WORK/$size/.stamp"
  fi
done

python3 bench/run.py --tresor .build/release/tresor --floor "$WORK/bin" --work "$WORK" \
  --sizes "$SIZES" --figures "$FIGURES" --out "$OUT"
