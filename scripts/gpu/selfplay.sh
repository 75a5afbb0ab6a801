#!/usr/bin/env bash
# Self-play on the GPU machine: a few steps of `azr selfplay --preset small-gpu` (bf16, CUDA) on the random
# Qwen2.5-0.5B-shaped model of make_models.py (with the Qwen tokenizer files that pack.sh puts in .gpu/tokenizer),
# then a summary of the per-step time split (generation / execution / update / other), tokens/s and memory.
# A random model writes no well-formed task, so this measures the machinery, not learning: seeding is capped at one
# round and responses at 256 tokens so that the run fits the 10-minute command limit.
# Usage (after scripts/gpu/pack.sh; carry .gpu): bash scripts/gpu/selfplay.sh [steps]   (default 3)
# $OUT receives summary.json (also printed), metrics.jsonl, run.json and log.txt.
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."

OUT="${OUT:-$(mktemp -d)}"
work="${AZR_GPU_WORK:-/tmp/azr-gpu}"
steps="${1:-3}"
mkdir -p "$OUT" "$work"

source scripts/gpu/app.sh selfplay
model="$work/models/qwen2.5-0.5b"
if [ ! -d "$model" ]; then
  timeout 240 python3 scripts/gpu/make_models.py --out "$work/models" --shapes qwen2.5-0.5b --tokenizer .gpu/tokenizer \
    > "$OUT/models.json" 2>> "$OUT/log.txt" || { echo "selfplay: make_models.py failed (see log.txt)" >&2; exit 1; }
fi
[ -f "$model/tokenizer.json" ] || { echo "selfplay: $model has no tokenizer.json: pack.sh copies the Qwen tokenizer into .gpu/tokenizer when .tools/npm has it" >&2; exit 1; }

run="$work/selfplay"
rm -rf "$run"
start=$SECONDS
timeout 540 "$AZR" selfplay --model "$model" --preset small-gpu --steps "$steps" --device cuda --dtype bf16 \
  --set buffers.seeding_max_rounds=1 --set rollout.max_response_tokens=256 --out "$run" 2>> "$OUT/log.txt"
rc=$?
cp "$run/metrics.jsonl" "$run/run.json" "$OUT/" 2>/dev/null

python3 - "$run" "$rc" "$((SECONDS - start))" <<'PY' | tee "$OUT/summary.json"
import json, os, sys
run, rc, seconds = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
steps = []
path = os.path.join(run, "metrics.jsonl")
if os.path.exists(path):
    for line in open(path):
        if line.strip():
            m = json.loads(line)
            steps.append({"step": m["step"], "seconds": m["seconds"], "tokens_per_second": m["tokens_per_second"],
                          "generated_tokens": m["generated_tokens"], "grad_norm": m["grad_norm"], "memory": m["memory"]})
gpu = [s["memory"]["gpu_bytes"] for s in steps if s["memory"].get("gpu_bytes") is not None]
print(json.dumps({"rc": rc, "wall_seconds": seconds, "steps": steps,
                  "peak_gpu_gib": round(max(gpu) / 2**30, 2) if gpu else None,
                  "peak_rss_gib": round(max(s["memory"]["peak_rss_bytes"] for s in steps) / 2**30, 2) if steps else None}))
PY
exit "$rc"
