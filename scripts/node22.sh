#!/usr/bin/env bash
# Runs the test suite on Node 22 (the binary from the npm registry, cached in .tools/node22):
#   bash scripts/node22.sh
exec bash "$(dirname "$0")/node-line.sh" 22.23.5
