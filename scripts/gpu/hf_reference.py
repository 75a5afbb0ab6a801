#!/usr/bin/env python3
"""Reference side of the policy-runtime benchmarks and parity checks, run with `transformers` on the GPU machine.

  make-model  --shape qwen2.5-0.5b|qwen3-0.6b --out DIR [--scale 4]   random HF model (save_pretrained, fp32)
  generate    --model DIR --batch 64 --prompt-len 256 --new-tokens 512  transformers generate tokens/s (EOS ignored)
  train-step  --model DIR --batch 8 --seq-len 1024 [--steps 3]        eager step: fp32 params, bf16 autocast, AdamW

Compare with `azr bench generate|train-step --model DIR` in the same command (see README "Policy runtime").
"""
import argparse, time

import torch
import transformers

SHAPES = {
    "qwen2.5-0.5b": dict(arch="Qwen2", vocab_size=151936, hidden_size=896, intermediate_size=4864, num_hidden_layers=24,
                          num_attention_heads=14, num_key_value_heads=2, rope_theta=1e6, tie_word_embeddings=True),
    "qwen3-0.6b": dict(arch="Qwen3", vocab_size=151936, hidden_size=1024, intermediate_size=3072, num_hidden_layers=28,
                        num_attention_heads=16, num_key_value_heads=8, head_dim=128, rope_theta=1e6, tie_word_embeddings=True),
}


def make_model(a):
    spec = dict(SHAPES[a.shape])
    arch = spec.pop("arch")
    config_cls = getattr(transformers, f"{arch}Config")
    model_cls = getattr(transformers, f"{arch}ForCausalLM")
    torch.manual_seed(a.seed)
    model = model_cls(config_cls(max_position_embeddings=32768, rms_norm_eps=1e-6, **spec)).float()
    with torch.no_grad():  # random init is tiny; scale it so numeric differences show
        for name, p in model.named_parameters():
            if "norm" not in name:
                p.mul_(a.scale)
    model.save_pretrained(a.out, safe_serialization=True)
    print(f"saved {arch} {a.shape} (scale {a.scale}) to {a.out}")


def load(path, dtype):
    return transformers.AutoModelForCausalLM.from_pretrained(path, dtype=dtype).cuda().eval()


def generate(a):
    model = load(a.model, torch.bfloat16)
    g = torch.Generator().manual_seed(1)
    ids = torch.randint(0, model.config.vocab_size, (a.batch, a.prompt_len), generator=g).cuda()
    kw = dict(do_sample=True, temperature=1.0, top_p=1.0, top_k=0, max_new_tokens=a.new_tokens, min_new_tokens=a.new_tokens,
              eos_token_id=None, pad_token_id=0, attention_mask=torch.ones_like(ids))
    model.generate(ids, **{**kw, "max_new_tokens": 8, "min_new_tokens": 8})
    torch.cuda.synchronize(); torch.cuda.reset_peak_memory_stats()
    t = time.perf_counter()
    out = model.generate(ids, **kw)
    torch.cuda.synchronize()
    dt = time.perf_counter() - t
    new = (out.shape[1] - a.prompt_len) * a.batch
    print(f"transformers generate: batch {a.batch} x ({a.prompt_len} + {a.new_tokens}): {new / dt:.0f} new tokens/s, "
          f"{dt * 1000 / a.new_tokens:.2f} ms/step (incl. prefill), peak {torch.cuda.max_memory_allocated() / 2**30:.2f} GiB")


def train_step(a):
    model = load(a.model, torch.float32).train()
    opt = torch.optim.AdamW(model.parameters(), lr=1e-6, weight_decay=0.01)
    g = torch.Generator().manual_seed(7)
    ids = torch.randint(0, model.config.vocab_size, (a.batch, a.seq_len), generator=g).cuda()
    adv = torch.randn(a.batch, a.seq_len - 1, generator=g).cuda()

    def step():
        with torch.autocast("cuda", dtype=torch.bfloat16):
            logits = model(ids).logits[:, :-1]
        logp = torch.log_softmax(logits.float(), -1).gather(2, ids[:, 1:, None]).squeeze(2)
        (-(logp * adv).mean()).backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        opt.step(); opt.zero_grad(set_to_none=True)

    step(); torch.cuda.synchronize(); torch.cuda.reset_peak_memory_stats()
    t = time.perf_counter()
    for _ in range(a.steps):
        step()
    torch.cuda.synchronize()
    dt = (time.perf_counter() - t) / a.steps
    print(f"pytorch eager step (fp32 params, bf16 autocast, AdamW): B = {a.batch} x {a.seq_len}: {a.batch * a.seq_len / dt:.0f} tokens/s, "
          f"{dt * 1000:.1f} ms/step, peak {torch.cuda.max_memory_allocated() / 2**30:.2f} GiB")


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = p.add_subparsers(dest="cmd", required=True)
    m = sub.add_parser("make-model"); m.add_argument("--shape", choices=SHAPES, required=True); m.add_argument("--out", required=True)
    m.add_argument("--scale", type=float, default=1.0); m.add_argument("--seed", type=int, default=0)
    g = sub.add_parser("generate"); g.add_argument("--model", required=True); g.add_argument("--batch", type=int, default=64)
    g.add_argument("--prompt-len", type=int, default=256); g.add_argument("--new-tokens", type=int, default=512)
    t = sub.add_parser("train-step"); t.add_argument("--model", required=True); t.add_argument("--batch", type=int, default=8)
    t.add_argument("--seq-len", type=int, default=1024); t.add_argument("--steps", type=int, default=3)
    a = p.parse_args()
    {"make-model": make_model, "generate": generate, "train-step": train_step}[a.cmd](a)


if __name__ == "__main__":
    main()
