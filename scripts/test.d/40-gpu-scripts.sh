#!/usr/bin/env bash
# The GPU reference scripts cannot run here (no GPU, no transformers); at least keep them parseable.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
for f in scripts/gpu/*.sh; do bash -n "$f"; done
if command -v python3 >/dev/null 2>&1; then
  cache=$(mktemp -d)
  trap 'rm -rf "$cache"' EXIT
  PYTHONPYCACHEPREFIX="$cache" python3 -m py_compile scripts/gpu/*.py
fi
echo "gpu-scripts: syntax ok"
