#!/usr/bin/env python3
"""Random transformers models of real shapes, saved with save_pretrained, for parity checks and benchmarks.

Writes <out>/qwen2.5-0.5b (one model.safetensors), <out>/qwen2.5-0.5b-sharded (the same weights in shards, to test
the index reader) and <out>/qwen3-0.6b. Initial weights are scaled up (--scale) and norms/biases perturbed, so that a
wrong bias, norm or RoPE detail shows in the logits instead of hiding in near-uniform outputs. With --tokenizer, the
Qwen tokenizer files found there (tokenizer.json, tokenizer_config.json, ...) are copied next to each model.
Prints a JSON summary on stdout.
"""

import argparse
import os
import shutil

import torch

from common import dump, log

SHAPES = {
    "qwen2.5-0.5b": dict(
        family="qwen2", vocab_size=151936, hidden_size=896, intermediate_size=4864, num_hidden_layers=24,
        num_attention_heads=14, num_key_value_heads=2, head_dim=64, tie_word_embeddings=True,
    ),
    "qwen3-0.6b": dict(
        family="qwen3", vocab_size=151936, hidden_size=1024, intermediate_size=3072, num_hidden_layers=28,
        num_attention_heads=16, num_key_value_heads=8, head_dim=128, tie_word_embeddings=True,
    ),
}

TOKENIZER_FILES = ["tokenizer.json", "tokenizer_config.json", "vocab.json", "merges.txt", "special_tokens_map.json"]


def make_config(shape):
    from transformers import Qwen2Config, Qwen3Config

    s = dict(SHAPES[shape])
    family = s.pop("family")
    common = dict(
        max_position_embeddings=32768, rms_norm_eps=1e-6, rope_theta=1_000_000.0, bos_token_id=151643,
        eos_token_id=151643, hidden_act="silu", use_sliding_window=False,
    )
    if family == "qwen2":
        s.pop("head_dim")
        return Qwen2Config(**s, **common)
    return Qwen3Config(**s, attention_bias=False, **common)


@torch.no_grad()
def perturb(model, scale, seed):
    g = torch.Generator().manual_seed(seed + 1)
    for name, p in model.named_parameters():
        if "norm" in name:
            p.copy_(1.0 + 0.1 * torch.randn(p.shape, generator=g))
        elif name.endswith(".bias"):
            p.copy_(0.02 * scale * torch.randn(p.shape, generator=g))
        else:
            p.mul_(scale)


def save(model, path, **kwargs):
    try:
        model.save_pretrained(path, safe_serialization=True, **kwargs)
    except TypeError:
        model.save_pretrained(path, **kwargs)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", required=True)
    ap.add_argument("--shapes", default="qwen2.5-0.5b,qwen3-0.6b")
    ap.add_argument("--scale", type=float, default=4.0)
    ap.add_argument("--seed", type=int, default=1234)
    ap.add_argument("--shard-size", default="200MB", help="max_shard_size of the sharded copy of the first shape")
    ap.add_argument("--tokenizer", default=None, help="directory with the Qwen tokenizer files to copy")
    args = ap.parse_args()

    from transformers import AutoModelForCausalLM

    made = {}
    for i, shape in enumerate(args.shapes.split(",")):
        torch.manual_seed(args.seed + i)
        config = make_config(shape)
        model = AutoModelForCausalLM.from_config(config).to(torch.float32)
        perturb(model, args.scale, args.seed + i)
        path = os.path.join(args.out, shape)
        save(model, path)
        made[shape] = path
        if i == 0:
            sharded = path + "-sharded"
            save(model, sharded, max_shard_size=args.shard_size)
            made[shape + "-sharded"] = sharded
        n = sum(p.numel() for p in model.parameters())
        log(f"make_models: {shape}: {n:,} parameters -> {path}")
        del model

    copied = []
    if args.tokenizer and os.path.isdir(args.tokenizer):
        for name in TOKENIZER_FILES:
            src = os.path.join(args.tokenizer, name)
            if os.path.isfile(src):
                copied.append(name)
                for path in made.values():
                    shutil.copy(src, os.path.join(path, name))
    dump({
        "models": made,
        "tokenizer_files": copied,
        "files": {k: sorted(os.listdir(v)) for k, v in made.items()},
    })


if __name__ == "__main__":
    main()
