#!/usr/bin/env bash
# Runs the test suite (vitest over the built packages) on Node 24 as well as on the machine's Node:
#   bash scripts/node24.sh
# Node 24 comes from the npm registry's binary package (node-linux-<arch>), pinned below and cached in
# .tools/node24 (git-ignored); a cached binary of the pinned version is reused.
set -euo pipefail
cd "$(dirname "$0")/.."
node24_version=24.22.3
case "$(uname -m)" in
  x86_64 | amd64) arch=x64 ;;
  aarch64 | arm64) arch=arm64 ;;
  *) echo "node24.sh: no node-linux binary package for $(uname -m)" >&2 && exit 1 ;;
esac
package="node-linux-$arch"
cache="$PWD/.tools/node24"
node24="$cache/node_modules/$package/bin/node"
if [ "$("$node24" --version 2>/dev/null || true)" != "v$node24_version" ]; then
  echo "node24.sh: installing $package@$node24_version into .tools/node24"
  # Installed beside the cache, then moved into place: an interrupted install leaves no half binary.
  staging="$cache.tmp"
  rm -rf "$staging"
  mkdir -p "$staging"
  echo '{"private":true}' >"$staging/package.json"
  npm install --silent --no-save --no-package-lock --no-audit --no-fund --prefix "$staging" \
    "$package@$node24_version"
  rm -rf "$cache"
  mv "$staging" "$cache"
fi
echo "node24.sh: running the tests on Node $("$node24" --version)"
# dist for the packages' bins and the examples (incremental; already built by `pnpm run check`).
pnpm run build
# Child processes (vitest's forks, the tests' spawns of process.execPath, a bare `node`) run Node 24 too.
export PATH="$(dirname "$node24"):$PATH"
exec "$node24" node_modules/vitest/vitest.mjs run
