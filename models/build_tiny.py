"""Build tiny seq2seq checkpoints (BART, T5, PEGASUS families) with no download.

Each checkpoint has random weights and a tokenizer trained here with the
``tokenizers`` library on a few hundred news-style sentences; it is saved with
``save_pretrained`` so it is loaded through exactly the ``from_pretrained`` path users
take. The summaries are gibberish, but everything around generation (chunking,
batching, presets, safe loading, cleaning) is exercised for real.

Usage::

    python models/build_tiny.py OUT_DIR [--family bart|t5|pegasus] [--pickle]

Tests build them once per session (``tests/conftest.py``); benchmarks build a larger
"small" variant with :func:`build_checkpoint` and ``size="small"``.
"""

from __future__ import annotations

import argparse
import itertools
import random
from pathlib import Path

FAMILIES = ("bart", "t5", "pegasus")

_SUBJECTS = [
    "The minister",
    "Police",
    "The company",
    "Senator Ines Moreau",
    "The coach",
    "Officials",
    "The city council",
    "Researchers",
    "The hospital",
    "Witnesses",
    "The club",
    "Investors",
]
_VERBS = [
    "said",
    "announced",
    "denied",
    "confirmed",
    "warned",
    "reported",
    "claimed",
    "argued",
]
_OBJECTS = [
    "the plan would cut costs by 20 percent",
    "the match will go ahead on Sunday",
    "the storm damaged hundreds of homes",
    "talks with the union had collapsed",
    "the new drug reduced deaths in a trial",
    "the bridge will reopen next month",
    "prices rose faster than expected in March",
    "the suspect was arrested on Tuesday",
    "the team 's striker is injured",
    "voters do n't trust the government",
]


def sample_sentences(count: int = 600, seed: int = 0) -> list[str]:
    """News-style sentences, tokenized and plain, to train the tiny tokenizers on."""
    rng = random.Random(seed)
    combos = list(itertools.product(_SUBJECTS, _VERBS, _OBJECTS))
    rng.shuffle(combos)
    sentences = []
    for subject, verb, obj in itertools.islice(itertools.cycle(combos), count):
        sentence = f"{subject} {verb} that {obj}."
        sentences.append(sentence if rng.random() < 0.5 else sentence.replace(".", " ."))
    return sentences


def _tokenizer(family: str, vocab_size: int, max_length: int):  # type: ignore[no-untyped-def]
    from tokenizers import Tokenizer, decoders, models, normalizers, pre_tokenizers, processors
    from tokenizers.trainers import BpeTrainer, UnigramTrainer
    from transformers import PreTrainedTokenizerFast

    text = sample_sentences()
    if family == "bart":
        specials = ["<s>", "<pad>", "</s>", "<unk>"]
        tokenizer = Tokenizer(models.BPE(unk_token="<unk>"))
        tokenizer.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=True)
        tokenizer.decoder = decoders.ByteLevel()
        trainer = BpeTrainer(
            vocab_size=vocab_size,
            special_tokens=specials,
            initial_alphabet=pre_tokenizers.ByteLevel.alphabet(),
        )
        tokenizer.train_from_iterator(text, trainer)
        tokenizer.post_processor = processors.TemplateProcessing(
            single="<s> $A </s>",
            special_tokens=[("<s>", 0), ("</s>", 2)],
        )
        wrapped = PreTrainedTokenizerFast(
            tokenizer_object=tokenizer,
            bos_token="<s>",
            eos_token="</s>",
            pad_token="<pad>",
            unk_token="<unk>",
            model_max_length=max_length,
        )
    else:
        specials = ["<pad>", "</s>", "<unk>"]
        tokenizer = Tokenizer(models.Unigram())
        tokenizer.normalizer = normalizers.NFKC()
        tokenizer.pre_tokenizer = pre_tokenizers.Metaspace()
        tokenizer.decoder = decoders.Metaspace()
        trainer = UnigramTrainer(vocab_size=vocab_size, special_tokens=specials, unk_token="<unk>")
        tokenizer.train_from_iterator(text, trainer)
        tokenizer.post_processor = processors.TemplateProcessing(
            single="$A </s>", special_tokens=[("</s>", 1)]
        )
        wrapped = PreTrainedTokenizerFast(
            tokenizer_object=tokenizer,
            eos_token="</s>",
            pad_token="<pad>",
            unk_token="<unk>",
            model_max_length=max_length,
        )
    return wrapped


def build_checkpoint(
    family: str,
    out_dir: Path,
    *,
    pickle: bool = False,
    size: str = "tiny",
    max_length: int = 128,
    seed: int = 0,
) -> Path:
    """Write a random-weight checkpoint of ``family`` to ``out_dir`` and return it.

    Args:
        family: ``bart``, ``t5`` or ``pegasus``.
        out_dir: directory to write (created).
        pickle: save weights as ``pytorch_model.bin`` instead of safetensors.
        size: ``tiny`` (d_model 32, 1+1 layers; a few hundred KB) or ``small``
            (d_model 256, 3+3 layers; for CPU benchmarks).
        max_length: input limit (position embeddings and tokenizer model_max_length).
        seed: torch seed for the random weights.
    """
    import torch
    from transformers import (
        AutoModelForSeq2SeqLM,
        BartConfig,
        PegasusConfig,
        T5Config,
    )

    if family not in FAMILIES:
        raise ValueError(f"family must be one of {FAMILIES}, got {family!r}")
    d_model, layers, heads, ffn, vocab = (
        (32, 1, 2, 64, 400) if size == "tiny" else (256, 3, 4, 1024, 2000)
    )
    tokenizer = _tokenizer(family, vocab, max_length)
    vocab_size = len(tokenizer)
    common = {"vocab_size": vocab_size, "is_encoder_decoder": True}
    if family == "bart":
        config = BartConfig(
            d_model=d_model,
            encoder_layers=layers,
            decoder_layers=layers,
            encoder_attention_heads=heads,
            decoder_attention_heads=heads,
            encoder_ffn_dim=ffn,
            decoder_ffn_dim=ffn,
            max_position_embeddings=max_length,
            bos_token_id=0,
            pad_token_id=1,
            eos_token_id=2,
            decoder_start_token_id=2,
            forced_bos_token_id=None,
            **common,
        )
    elif family == "pegasus":
        config = PegasusConfig(
            d_model=d_model,
            encoder_layers=layers,
            decoder_layers=layers,
            encoder_attention_heads=heads,
            decoder_attention_heads=heads,
            encoder_ffn_dim=ffn,
            decoder_ffn_dim=ffn,
            max_position_embeddings=max_length,
            pad_token_id=0,
            eos_token_id=1,
            decoder_start_token_id=0,
            **common,
        )
    else:
        config = T5Config(
            d_model=d_model,
            d_kv=d_model // heads,
            d_ff=ffn,
            num_layers=layers,
            num_decoder_layers=layers,
            num_heads=heads,
            pad_token_id=0,
            eos_token_id=1,
            decoder_start_token_id=0,
            **common,
        )
    torch.manual_seed(seed)
    model = AutoModelForSeq2SeqLM.from_config(config)
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    model.save_pretrained(out_dir)
    if pickle:
        # transformers 5 always writes safetensors; a pickle-only checkpoint (as old
        # hub repos are) is made by replacing them with a torch.save'd state dict.
        (out_dir / "model.safetensors").unlink()
        state = {name: tensor.contiguous() for name, tensor in model.state_dict().items()}
        torch.save(state, out_dir / "pytorch_model.bin")
    tokenizer.save_pretrained(out_dir)
    return out_dir


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out_dir", type=Path)
    parser.add_argument("--family", choices=FAMILIES, default="bart")
    parser.add_argument("--pickle", action="store_true")
    parser.add_argument("--size", choices=("tiny", "small"), default="tiny")
    args = parser.parse_args()
    path = build_checkpoint(args.family, args.out_dir, pickle=args.pickle, size=args.size)
    print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
