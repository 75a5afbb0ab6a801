#!/usr/bin/env python3
"""The transformers / PyTorch-eager baselines that `azr bench generate` and `azr bench train-step` are compared with.

generate:   bf16 model, `generate` with sampling at batch 64, 256 random prompt tokens, 512 new tokens with EOS
            ignored (min_new_tokens = max_new_tokens); new tokens/s and ms per decode step.
train_step: fp32 parameters, bf16 autocast, a policy-gradient step on B = 8 x 1024 tokens: forward, log-softmax over
            the full vocabulary in fp32, -(advantage * token log-prob).mean(), backward, clip-grad-norm 1.0, AdamW
            (PyTorch's default implementation); tokens/s over timed steps after warm-up.
Peak GPU memory (torch.cuda.max_memory_allocated) is reported for each. Prints one JSON document.
"""

import argparse
import time

import torch

from common import dump, load_model, log, random_ids


def sync():
    torch.cuda.synchronize()


def bench_generate(args):
    model = load_model(args.model, torch.bfloat16, "cuda")
    ids = random_ids(model.config.vocab_size, args.batch, args.prompt, seed=1).cuda()
    mask = torch.ones_like(ids)
    kwargs = dict(attention_mask=mask, do_sample=True, temperature=1.0, top_p=1.0, pad_token_id=0)
    with torch.no_grad():
        model.generate(ids, max_new_tokens=8, min_new_tokens=8, **kwargs)  # warm-up
        sync()
        torch.cuda.reset_peak_memory_stats()
        start = time.perf_counter()
        out = model.generate(ids, max_new_tokens=args.new_tokens, min_new_tokens=args.new_tokens, **kwargs)
        sync()
        seconds = time.perf_counter() - start
    new = out.shape[1] - ids.shape[1]
    assert new == args.new_tokens, f"generate stopped after {new} tokens"
    result = {
        "batch": args.batch, "prompt_tokens": args.prompt, "new_tokens": new, "seconds": seconds,
        "new_tokens_per_s": args.batch * new / seconds, "ms_per_decode_step": 1000 * seconds / new,
        "peak_gpu_bytes": torch.cuda.max_memory_allocated(),
    }
    del model
    torch.cuda.empty_cache()
    return result


def bench_train_step(args):
    model = load_model(args.model, torch.float32, "cuda")
    model.train()
    if hasattr(model.config, "use_cache"):
        model.config.use_cache = False
    opt = torch.optim.AdamW(model.parameters(), lr=1e-6, betas=(0.9, 0.999), weight_decay=0.01)
    ids = random_ids(model.config.vocab_size, args.train_batch, args.train_seq, seed=2).cuda()
    g = torch.Generator().manual_seed(3)
    adv = torch.randn(args.train_batch, args.train_seq - 1, generator=g).cuda()

    def step():
        with torch.autocast("cuda", dtype=torch.bfloat16):
            logits = model(input_ids=ids, use_cache=False).logits
        logp = torch.log_softmax(logits[:, :-1].float(), dim=-1)
        token_logp = logp.gather(-1, ids[:, 1:, None]).squeeze(-1)
        loss = -(adv * token_logp).mean()
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        opt.step()
        opt.zero_grad(set_to_none=True)
        return loss

    for _ in range(args.warmup):
        step()
    sync()
    torch.cuda.reset_peak_memory_stats()
    start = time.perf_counter()
    for _ in range(args.steps):
        step()
    sync()
    seconds = time.perf_counter() - start
    tokens = args.train_batch * args.train_seq * args.steps
    result = {
        "batch": args.train_batch, "seq": args.train_seq, "steps": args.steps, "seconds": seconds,
        "tokens_per_s": tokens / seconds, "ms_per_step": 1000 * seconds / args.steps,
        "peak_gpu_bytes": torch.cuda.max_memory_allocated(),
    }
    del model, opt
    torch.cuda.empty_cache()
    return result


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--model", required=True)
    ap.add_argument("--batch", type=int, default=64)
    ap.add_argument("--prompt", type=int, default=256)
    ap.add_argument("--new-tokens", type=int, default=512)
    ap.add_argument("--train-batch", type=int, default=8)
    ap.add_argument("--train-seq", type=int, default=1024)
    ap.add_argument("--steps", type=int, default=5)
    ap.add_argument("--warmup", type=int, default=2)
    ap.add_argument("--only", choices=["generate", "train_step"], default=None)
    args = ap.parse_args()

    import transformers

    report = {"device": torch.cuda.get_device_name(), "torch": torch.__version__, "transformers": transformers.__version__}
    if args.only in (None, "generate"):
        log("bench_transformers: generate")
        report["generate"] = bench_generate(args)
    if args.only in (None, "train_step"):
        log("bench_transformers: train step")
        report["train_step"] = bench_train_step(args)
    dump(report)


if __name__ == "__main__":
    main()
