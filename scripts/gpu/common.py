"""Helpers shared by the GPU reference scripts (transformers 4.x and 5.x both work)."""

import json
import sys

import torch


def log(*args):
    """Progress goes to stderr so stdout stays one JSON document."""
    print(*args, file=sys.stderr, flush=True)


def load_model(path, dtype, device):
    """AutoModelForCausalLM.from_pretrained with the dtype keyword of either transformers major version."""
    from transformers import AutoModelForCausalLM

    try:
        model = AutoModelForCausalLM.from_pretrained(path, dtype=dtype)
    except TypeError:
        model = AutoModelForCausalLM.from_pretrained(path, torch_dtype=dtype)
    return model.to(device).eval()


def random_ids(vocab_size, batch, length, seed):
    """Token ids drawn uniformly (seeded, on the CPU so every machine gets the same ids)."""
    g = torch.Generator().manual_seed(seed)
    return torch.randint(0, vocab_size, (batch, length), generator=g, dtype=torch.long)


@torch.no_grad()
def greedy(model, ids, steps):
    """Greedy continuation with the KV cache; EOS is not special (every row runs `steps` tokens)."""
    out = model(input_ids=ids, use_cache=True)
    past = out.past_key_values
    tokens = []
    nxt = out.logits[:, -1, :].argmax(-1, keepdim=True)
    for _ in range(steps):
        tokens.append(nxt)
        out = model(input_ids=nxt, past_key_values=past, use_cache=True)
        past = out.past_key_values
        nxt = out.logits[:, -1, :].argmax(-1, keepdim=True)
    return torch.cat(tokens, dim=1)


def common_prefix(a, b):
    """Per row, how many leading tokens two [B, N] id tensors share."""
    same = (a == b).long()
    return same.cumprod(dim=1).sum(dim=1).tolist()


def dump(obj):
    print(json.dumps(obj, indent=2, sort_keys=True), flush=True)
