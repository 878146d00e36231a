#!/usr/bin/env bash
# Sets up pnpm (pinned in package.json) and the dependencies, then runs one package script:
#   bash scripts/run.sh demo     the payment-flow demo against the embedded fake Bootpay
#   bash scripts/run.sh check    typecheck + lint + every test, then every test again on Node 22 and on Node 24
#                                (scripts/node22.sh, scripts/node24.sh)
set -euo pipefail
cd "$(dirname "$0")/.."
pnpm_version=$(node -p 'require("./package.json").packageManager.split("@")[1]')
export COREPACK_INTEGRITY_KEYS=0 # this machine's corepack cannot verify npm's signing keys
if ! command -v pnpm >/dev/null 2>&1 || [ "$(pnpm --version 2>/dev/null)" != "$pnpm_version" ]; then
  mkdir -p .tools/bin
  if ! corepack enable --install-directory .tools/bin pnpm >/dev/null 2>&1; then
    npm install --silent --global --prefix .tools "pnpm@$pnpm_version"
  fi
  export PATH="$PWD/.tools/bin:$PATH"
fi
CI=true pnpm install --frozen-lockfile
if [ "${1:-}" = check ]; then
  pnpm run "$@"
  bash scripts/node22.sh
  exec bash scripts/node24.sh
fi
exec pnpm run "$@"
