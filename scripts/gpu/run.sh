#!/usr/bin/env bash
# Runs the GPU checks on the device machine, from the repository root, after scripts/gpu/pack.sh filled .gpu/:
#   models     make_models.py: random Qwen2.5-0.5B- and Qwen3-0.6B-shaped transformers models (+ a sharded copy)
#   parity     parity.py: checkpoint round trips through azr, sharded reading, logits/greedy parity (if azr has it)
#   baseline   bench_transformers.py: transformers generate and the PyTorch eager training step
#   azr        azr bench generate / train-step on the same model (commands and flags overridable, see below)
# Usage: bash scripts/gpu/run.sh [stage ...]   (default: all four; "models" is implied when the models are missing).
# Stage outputs stay in $AZR_GPU_WORK/out; $OUT (the device tool's output folder, which returns at most 8 files)
# gets two: summary.json (also the last line on stdout) and log.txt (every stage's stderr).
# Stage timeouts keep the whole run under the 10-minute command limit.
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."

OUT="${OUT:-$(mktemp -d)}"
work="${AZR_GPU_WORK:-/tmp/azr-gpu}"
stages=("$@")
[ ${#stages[@]} -eq 0 ] && stages=(models parity baseline azr)
logs="$work/out"
mkdir -p "$OUT" "$work" "$logs"

source scripts/gpu/app.sh run
models="$work/models"
model="$models/qwen2.5-0.5b"

# The azr side of the benchmarks (the model runtime's commands); override these if their flags change.
AZR_BENCH_GENERATE="${AZR_BENCH_GENERATE:-bench generate --model $model --device cuda --dtype bf16 --batch 64 --prompt-len 256 --new-tokens 512 --json}"
AZR_BENCH_TRAIN="${AZR_BENCH_TRAIN:-bench train-step --model $model --device cuda --batch 8 --seq-len 1024 --steps 3 --json}"

stage() { # name timeout command...
  local name=$1 limit=$2; shift 2
  echo "run: $name" >&2
  local start=$SECONDS
  timeout "$limit" "$@" > "$logs/$name.out" 2> "$logs/$name.log"
  local rc=$?
  echo "{\"rc\": $rc, \"seconds\": $((SECONDS - start))}" > "$logs/$name.status"
  echo "run: $name rc=$rc ($((SECONDS - start)) s)" >&2
}

want() { local s; for s in "${stages[@]}"; do [ "$s" = "$1" ] && return 0; done; return 1; }

"$AZR" doctor --json > "$logs/doctor.out" 2> "$logs/doctor.log" || true
if want models || [ ! -d "$model" ]; then
  stage models 240 python3 scripts/gpu/make_models.py --out "$models" --tokenizer .gpu/tokenizer
fi
want parity && stage parity 300 python3 scripts/gpu/parity.py --azr "$AZR" --models "$models" --work "$work/parity"
want baseline && stage baseline 240 python3 scripts/gpu/bench_transformers.py --model "$model"
if want azr; then
  # shellcheck disable=SC2086 # the override strings are word-split on purpose
  stage azr_generate 240 "$AZR" $AZR_BENCH_GENERATE
  # shellcheck disable=SC2086
  stage azr_train_step 240 "$AZR" $AZR_BENCH_TRAIN
fi

for f in "$logs"/*.log; do echo "===== $(basename "$f")"; tail -c 20000 "$f"; done > "$OUT/log.txt"

python3 - "$logs" "$OUT" <<'PY'
import json, os, re, sys
out, dest = sys.argv[1], sys.argv[2]

# `azr bench` prints text; these pick its headline numbers (JSON output, when it has one, is used as is).
TEXT_METRICS = {
    "azr_generate": {"new_tokens_per_s": r"engine:.*?([\d.]+) new tokens/s", "ms_per_decode_step": r"decode ([\d.]+) ms/step",
                     "peak_gpu_gib": r"peak GPU memory[^:]*: ([\d.]+) GiB"},
    "azr_train_step": {"tokens_per_s": r"ours [^:]*: ([\d.]+) tokens/s", "ms_per_step": r"ours [^:]*: [\d.]+ tokens/s, ([\d.]+) ms/step",
                       "peak_gpu_gib": r"peak GPU memory[^:]*: ([\d.]+) GiB"},
}
summary = {}
for name in ["doctor", "models", "parity", "baseline", "azr_generate", "azr_train_step"]:
    entry = {}
    status = os.path.join(out, name + ".status")
    if os.path.exists(status):
        entry.update(json.load(open(status)))
    for ext in (".out",):
        path = os.path.join(out, name + ext)
        if os.path.exists(path):
            text = open(path).read()
            try:
                entry["result"] = json.loads(text)
            except ValueError:
                entry["stdout_tail"] = text[-3000:]
                parsed = {k: float(m.group(1)) for k, rx in TEXT_METRICS.get(name, {}).items() if (m := re.search(rx, text))}
                if parsed:
                    entry["result"] = parsed
    log = os.path.join(out, name + ".log")
    if entry.get("rc", 0) != 0 and os.path.exists(log):
        entry["stderr_tail"] = open(log).read()[-3000:]
    if entry:
        summary[name] = entry
base = summary.get("baseline", {}).get("result", {})
ratios = {}
for key, azr_name, metric in [("generate", "azr_generate", "new_tokens_per_s"), ("train_step", "azr_train_step", "tokens_per_s")]:
    ours = summary.get(azr_name, {}).get("result", {})
    if isinstance(ours, dict) and metric in ours and metric in base.get(key, {}):
        ratios[key] = ours[metric] / base[key][metric]
summary["ratios_vs_transformers"] = ratios
text = json.dumps(summary, sort_keys=True)
open(os.path.join(dest, "summary.json"), "w").write(text + "\n")
print(text)
PY
