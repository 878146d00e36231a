#!/usr/bin/env bash
# Runs the test suite (vitest over the built packages) on another Node line than the machine's:
#   bash scripts/node-line.sh 24.22.3
# The Node binary comes from the npm registry's binary package (node-linux-<arch>) at the given
# version, cached in .tools/node<major> (git-ignored); a cached binary of that version is reused.
# scripts/node22.sh and scripts/node24.sh pin the versions `bash scripts/run.sh check` runs.
set -euo pipefail
cd "$(dirname "$0")/.."
version=${1:?usage: scripts/node-line.sh <node version, e.g. 24.22.3>}
major=${version%%.*}
case "$(uname -m)" in
  x86_64 | amd64) arch=x64 ;;
  aarch64 | arm64) arch=arm64 ;;
  *) echo "node-line.sh: no node-linux binary package for $(uname -m)" >&2 && exit 1 ;;
esac
package="node-linux-$arch"
cache="$PWD/.tools/node$major"
node_bin="$cache/node_modules/$package/bin/node"
if [ "$("$node_bin" --version 2>/dev/null || true)" != "v$version" ]; then
  echo "node-line.sh: installing $package@$version into .tools/node$major"
  # Installed beside the cache, then moved into place: an interrupted install leaves no half binary.
  staging="$cache.tmp"
  rm -rf "$staging"
  mkdir -p "$staging"
  echo '{"private":true}' >"$staging/package.json"
  npm install --silent --no-save --no-package-lock --no-audit --no-fund --prefix "$staging" \
    "$package@$version"
  rm -rf "$cache"
  mv "$staging" "$cache"
fi
echo "node-line.sh: running the tests on Node $("$node_bin" --version)"
# dist for the packages' bins and the examples (incremental; already built by `pnpm run check`).
pnpm run build
# Child processes (vitest's forks, the tests' spawns of process.execPath, a bare `node`) run it too.
export PATH="$(dirname "$node_bin"):$PATH"
exec "$node_bin" node_modules/vitest/vitest.mjs run
