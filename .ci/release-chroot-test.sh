#!/usr/bin/env bash
# Runs the release binary where the toolchain cannot be: a chroot holding only the binary,
# the libraries ldd listed, /tmp and two device nodes. init, create (value piped in), and
# render of a JSON input and of a BPMN process folder must work there.
# Usage: release-chroot-test.sh BINARY ROOT "LIBRARIES"
set -euo pipefail
binary=$1
root=$2
libraries=$3
fail() { echo "release test (chroot): FAIL: $*" >&2; exit 1; }

mkdir -p "$root"/{bin,tmp,dev,work/processes/invoices}
chmod 1777 "$root/tmp"
cp "$binary" "$root/bin/tresor"
for library in $libraries; do
    mkdir -p "$root$(dirname "$library")"
    cp -L "$library" "$root$library"
done
mknod -m 666 "$root/dev/null" c 1 3
mknod -m 444 "$root/dev/urandom" c 1 9
[ ! -e "$root/opt" ] && [ ! -e "$root/usr/bin" ] || fail "the chroot is not bare"

cp "$(dirname "$0")/../Tests/Fixtures/upload.bpmn" "$root/work/processes/invoices/"

run() { env -i HOME=/work XDG_CONFIG_HOME=/work/.config USER=tester "$(command -v chroot)" "$root" "$@"; }
cd /
run /bin/tresor --version > /dev/null || fail "--version"
run /bin/tresor --vault /work/vault init 2> /dev/null || fail "init"
printf '%s' 'fake-chroot<&>"value' | run /bin/tresor --vault /work/vault create FTP_PASSWORD \
    --type password --display-name "FTP password" 2> /dev/null || fail "create"
json=$(printf '{"p": "{{secret:FTP_PASSWORD}}"}' | run /bin/tresor --vault /work/vault render -)
[ "$json" = '{"p": "fake-chroot<&>\"value"}' ] || fail "render - gave $json"
run /bin/tresor --vault /work/vault render /work/processes --out /work/out 2> /dev/null ||
    fail "render of a process folder"
grep -qF 'fake-chroot&lt;&amp;&gt;"value</camunda:inputParameter>' \
    "$root/work/out/invoices/upload.bpmn" || fail "the rendered BPMN lacks the escaped value"
echo "release test (chroot): init, create, render - and a BPMN folder render ran without" \
    "the toolchain"
