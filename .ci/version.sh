#!/usr/bin/env bash
# Prints Tresor's version for a build: from git when the sources are a git checkout
# (`1.0.0` on a tag v1.0.0, `1.0.0-3-gabc123def456` after it, `1.0.0-dev+gabc123def456`
# before any tag, `.dirty` when tracked files changed), else the VERSION file (a tarball
# of the sources).
set -euo pipefail
cd "$(dirname "$0")/.."
base=$(tr -d ' \n' < VERSION)
if ! git rev-parse --verify -q HEAD >/dev/null 2>&1; then
    echo "$base"
    exit 0
fi
dirty=""
git diff --quiet HEAD -- 2>/dev/null || dirty=".dirty"
if described=$(git describe --tags --match 'v[0-9]*' --abbrev=12 2>/dev/null); then
    echo "${described#v}${dirty}"
else
    echo "${base}-dev+g$(git rev-parse --short=12 HEAD)${dirty}"
fi
