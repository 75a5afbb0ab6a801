#!/usr/bin/env bash
# The project's test command: set-up (idempotent), then every test project except the long ones
# (Category=Soak, Category=Gpu; run those explicitly, see README). Ends with one summary line.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
./scripts/setup.sh

for step in scripts/test.d/*.sh; do
  [ -e "$step" ] || continue
  echo "test: $(basename "$step")"
  bash "$step"
done

log=$(mktemp)
trap 'rm -f "$log"' EXIT
set +e
dotnet test AbsoluteZero.sln -c Release --no-build -nologo --filter "Category!=Soak&Category!=Gpu" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e
awk '/^(Passed|Failed)!/ {
       for (i = 1; i <= NF; i++) { gsub(",", "", $(i+1)); if ($i == "Failed:") f += $(i+1); if ($i == "Passed:") p += $(i+1); if ($i == "Skipped:") s += $(i+1) }
     }
     END { printf "tests: %d passed, %d failed, %d skipped\n", p, f, s }' "$log"
# Post steps (e.g. stopping a daemon a pre step started) run whatever the tests did.
for step in scripts/test.d/post/*.sh; do
  [ -e "$step" ] || continue
  echo "test: post/$(basename "$step")"
  bash "$step" || echo "test: post/$(basename "$step") failed (ignored)"
done
exit "$status"
