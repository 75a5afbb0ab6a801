#!/usr/bin/env python3
"""Parity of our runtime and checkpoint files with transformers, on models made by make_models.py.

For each model directory (default: qwen2.5-0.5b and qwen3-0.6b under --models):
  1. checkpoint round trip (works with any azr build): `azr checkpoint resave` writes the model back through our
     safetensors writer, as float32 and as bfloat16 shards; transformers reloads both. Pass: the reloaded weights
     equal the originals (bf16: the originals cast to bf16) and the fp32 logits match (max abs diff <= 1e-5).
     The transformers-sharded copy (<model>-sharded) is read through our index reader (`azr checkpoint inspect`
     and `resave`) and must give the same weights.
  2. logits and greedy parity (needs the azr logits interface below): fp32 logits of random ids, max abs diff
     <= 1e-3 against transformers (TF32 off); bf16 greedy continuations agree for >= 32 tokens on every row.

The azr logits interface (command template --logits-cmd; {model}, {ids}, ... are filled in):
  azr logits --model DIR --ids IDS.json --dtype float32|bfloat16 --device cuda --out OUT.safetensors [--greedy N]
  IDS.json         {"input_ids": [[int, ...], ...]}: equal-length rows, no padding, no special tokens added
  OUT.safetensors  "logits": F32 [B, T, V], the logits at every position of the ids;
                   "greedy_ids": I64 [B, N] with --greedy N, N greedy tokens after the ids (EOS is not special)
`azr logits` is the model runtime's command (src/AbsoluteZero.Cli/Commands/LogitsCommand.cs). When the command fails
(e.g. a build without it) step 2 is reported as "unavailable" with the error,
not as a failure of the checks that did run. Prints one JSON document; exit status 1 when a check that ran failed.
"""

import argparse
import json
import os
import shlex
import subprocess
import sys

import torch

from common import common_prefix, dump, greedy, load_model, log, random_ids

DEFAULT_LOGITS_CMD = "{azr} logits --model {model} --ids {ids} --dtype {dtype} --device {device} --out {out} --greedy {greedy}"


def run(cmd, timeout=600):
    log("parity: $ " + " ".join(shlex.quote(c) for c in cmd))
    p = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
    return p.returncode, p.stdout, p.stderr


def max_weight_diff(a, b):
    sa, sb = a.state_dict(), b.state_dict()
    if sa.keys() != sb.keys():
        return {"missing": sorted(set(sa) - set(sb)), "unexpected": sorted(set(sb) - set(sa))}
    worst = 0.0
    for k in sa:
        if sa[k].shape != sb[k].shape or sa[k].dtype != sb[k].dtype:
            return {"mismatch": k, "a": [list(sa[k].shape), str(sa[k].dtype)], "b": [list(sb[k].shape), str(sb[k].dtype)]}
        worst = max(worst, (sa[k].float() - sb[k].float()).abs().max().item())
    return worst


@torch.no_grad()
def logits_of(model, ids):
    return model(input_ids=ids.to(model.device)).logits.float().cpu()


def checkpoint_checks(args, name, path, ids, ref32, work):
    out = {}
    fp32_dir = os.path.join(work, name + "-azr-fp32")
    rc, _, err = run([args.azr, "checkpoint", "resave", "--model", path, "--out", fp32_dir, "--dtype", "float32"])
    if rc != 0:
        return {"error": "azr checkpoint resave failed: " + err[-2000:]}, False
    reloaded = load_model(fp32_dir, torch.float32, args.device)
    diff = (logits_of(reloaded, ids) - ref32[1]).abs().max().item()
    wdiff = max_weight_diff(ref32[0], reloaded)
    out["fp32_resave"] = {"logits_max_abs_diff": diff, "weights_max_abs_diff": wdiff}
    ok = isinstance(wdiff, float) and wdiff == 0.0 and diff <= 1e-5
    del reloaded

    bf16_dir = os.path.join(work, name + "-azr-bf16-sharded")
    rc, _, err = run([args.azr, "checkpoint", "resave", "--model", path, "--out", bf16_dir, "--dtype", "bfloat16",
                      "--max-shard-bytes", str(300_000_000)])
    if rc != 0:
        return {**out, "error": "azr checkpoint resave (bf16) failed: " + err[-2000:]}, False
    reloaded = load_model(bf16_dir, torch.bfloat16, args.device)
    ref_bf16 = load_model(path, torch.bfloat16, args.device)
    wdiff = max_weight_diff(ref_bf16, reloaded)
    diff = (logits_of(reloaded, ids) - logits_of(ref_bf16, ids)).abs().max().item()
    out["bf16_sharded_resave"] = {"files": sorted(os.listdir(bf16_dir)), "weights_max_abs_diff": wdiff, "logits_max_abs_diff_vs_transformers_bf16": diff}
    ok = ok and isinstance(wdiff, float) and wdiff == 0.0 and diff <= 1e-3
    del reloaded, ref_bf16
    return out, ok


def sharded_input_check(args, name, path, ref_model, work):
    sharded = path + "-sharded"
    if not os.path.isdir(sharded):
        return {"skipped": "no " + sharded}, True
    rc, stdout, err = run([args.azr, "checkpoint", "inspect", "--model", sharded])
    if rc != 0:
        return {"error": "azr checkpoint inspect failed: " + err[-2000:]}, False
    info = json.loads(stdout)
    target = os.path.join(work, name + "-from-shards")
    rc, _, err = run([args.azr, "checkpoint", "resave", "--model", sharded, "--out", target])
    if rc != 0:
        return {"inspect": info, "error": "azr checkpoint resave failed: " + err[-2000:]}, False
    reloaded = load_model(target, torch.float32, args.device)
    wdiff = max_weight_diff(ref_model, reloaded)
    del reloaded
    return {"inspect": info, "weights_max_abs_diff": wdiff}, isinstance(wdiff, float) and wdiff == 0.0


def logits_checks(args, name, path, ids, ref32, work):
    from safetensors.torch import load_file

    ids_file = os.path.join(work, name + "-ids.json")
    with open(ids_file, "w") as f:
        json.dump({"input_ids": ids.tolist()}, f)
    result = {}
    for dtype in ("float32", "bfloat16"):
        out_file = os.path.join(work, f"{name}-azr-{dtype}.safetensors")
        cmd = args.logits_cmd.format(azr=args.azr, model=path, ids=ids_file, dtype=dtype, device=args.device,
                                     out=out_file, greedy=args.greedy)
        rc, _, err = run(shlex.split(cmd))
        if rc != 0:
            return {"unavailable": f"`{cmd}` exited {rc}: {err[-1500:]}"}, None
        result[dtype] = load_file(out_file)

    diff = (result["float32"]["logits"].float() - ref32[1]).abs().max().item()
    ref_bf16 = load_model(path, torch.bfloat16, args.device)
    ref_greedy = greedy(ref_bf16, ids.to(args.device), args.greedy).cpu()
    del ref_bf16
    agree = common_prefix(ref_greedy, result["bfloat16"]["greedy_ids"].long())
    ok = diff <= 1e-3 and min(agree) >= min(32, args.greedy)
    return {"fp32_logits_max_abs_diff": diff, "bf16_greedy_agreement_per_row": agree, "greedy_tokens": args.greedy}, ok


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--azr", required=True, help="the azr executable (self-contained publish)")
    ap.add_argument("--models", required=True, help="directory written by make_models.py")
    ap.add_argument("--names", default="qwen2.5-0.5b,qwen3-0.6b")
    ap.add_argument("--work", default="/tmp/azr-parity")
    ap.add_argument("--device", default="cuda")
    ap.add_argument("--batch", type=int, default=4)
    ap.add_argument("--seq", type=int, default=64)
    ap.add_argument("--greedy", type=int, default=64)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--logits-cmd", default=DEFAULT_LOGITS_CMD)
    args = ap.parse_args()

    torch.backends.cuda.matmul.allow_tf32 = False
    torch.backends.cudnn.allow_tf32 = False
    os.makedirs(args.work, exist_ok=True)
    report, all_ok = {"device": torch.cuda.get_device_name() if torch.cuda.is_available() else "cpu"}, True
    for name in args.names.split(","):
        path = os.path.join(args.models, name)
        ref = load_model(path, torch.float32, args.device)
        ids = random_ids(ref.config.vocab_size, args.batch, args.seq, args.seed)
        ref32 = (ref, logits_of(ref, ids))
        entry = {}
        entry["checkpoint"], ok1 = checkpoint_checks(args, name, path, ids, ref32, args.work)
        entry["sharded_input"], ok2 = sharded_input_check(args, name, path, ref, args.work)
        entry["logits"], ok3 = logits_checks(args, name, path, ids, ref32, args.work)
        entry["pass"] = {"checkpoint": ok1, "sharded_input": ok2, "logits": ok3}
        all_ok = all_ok and ok1 and ok2 and ok3 is not False
        report[name] = entry
        log(f"parity: {name}: {entry['pass']}")
        del ref, ref32
        torch.cuda.empty_cache()
    report["pass"] = all_ok
    dump(report)
    sys.exit(0 if all_ok else 1)


if __name__ == "__main__":
    main()
