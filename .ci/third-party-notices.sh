#!/usr/bin/env bash
# Prints the licences of what the release binary links statically: the Swift runtime and
# Foundation, and the Debian packages whose archives it takes.
set -euo pipefail
section() { printf '\n==== %s ====\n\n' "$1"; cat "$2"; }
echo "tresor links the following statically. Their licences and notices:"
section "Swift standard library, Foundation, Dispatch" /opt/swift/usr/share/swift/LICENSE.txt
for package in libsodium23 libyaml-0-2 libxml2 libicu72 zlib1g liblzma5; do
    section "$package (Debian: /usr/share/doc/$package/copyright)" \
        "/usr/share/doc/$package/copyright"
done
