"""Convert a GGUF checkpoint into a Hugging Face directory that vLLM serves.

Runs with the vLLM environment's Python (it has torch, transformers, gguf and accelerate);
it imports nothing from verivoice. Usage:

    python convert_gguf.py GGUF_FILE OUT_DIR

The GGUF weights are dequantised to bfloat16 and written as safetensors, with the
tokenizer and config. The caller checksums and installs the result atomically.
"""

from __future__ import annotations

import sys
from pathlib import Path


def convert(gguf: Path, out: Path) -> None:
    import torch
    from transformers import AutoModelForCausalLM, AutoTokenizer

    tokenizer = AutoTokenizer.from_pretrained(gguf.parent, gguf_file=gguf.name)
    model = AutoModelForCausalLM.from_pretrained(gguf.parent, gguf_file=gguf.name,
                                                 dtype=torch.bfloat16)
    # The tensors are dequantised on load; drop the GGUF quantiser so they can be saved.
    model.hf_quantizer = None
    if hasattr(model.config, "quantization_config"):
        del model.config.quantization_config
    model.save_pretrained(out, safe_serialization=True)
    tokenizer.save_pretrained(out)


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit("usage: convert_gguf.py GGUF_FILE OUT_DIR")
    convert(Path(sys.argv[1]), Path(sys.argv[2]))
