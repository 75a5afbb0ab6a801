#!/usr/bin/env bash
# One-time (and idempotent) set-up of a checkout on a Debian/Ubuntu machine: checks the toolchain, restores packages,
# builds everything in Release (which also applies the TorchSharp native fix where the system needs it), and fetches
# the optional test assets. Safe to run again at any time.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

if ! command -v dotnet >/dev/null 2>&1; then
  echo "setup: the .NET SDK 10 is required (https://dot.net/download; on Ubuntu: sudo apt-get install dotnet-sdk-10.0)." >&2
  exit 1
fi
if ! dotnet --list-sdks | grep -q '^10\.'; then
  echo "setup: .NET SDK 10.x is required; found: $(dotnet --list-sdks | tr '\n' ' ')" >&2
  exit 1
fi

for step in scripts/setup.d/*.sh; do
  [ -e "$step" ] || continue
  echo "setup: $(basename "$step")"
  bash "$step"
done

echo "setup: building (Release)"
dotnet build AbsoluteZero.sln -c Release -nologo -clp:ErrorsOnly
echo "setup: done. Try: ./azr doctor"
