#!/usr/bin/env bash
# Runs the test suite on Node 24 (the binary from the npm registry, cached in .tools/node24):
#   bash scripts/node24.sh
exec bash "$(dirname "$0")/node-line.sh" 24.22.3
