"""Export the pedal's own model, trained on the RAVE-compatible architecture, as a model package.

Called by `python3 -m lpexport.export --checkpoint RUN --out DIR` when the checkpoint's architecture is
"rave": the same graphs, initial states (zeros: the model was trained from them), noise inputs,
reference vectors and int8 pass as an imported RAVE model, so both run on one code path.
"""
import datetime
import json
import os
import shutil
import tempfile

import numpy as np
import onnx
import torch

from ..riff import make_riff
from .graphs import RaveStream
from .importer import OPSET, write_model_package


def pqmf_delay(model):
    """Samples from an impulse into the PQMF analysis to the peak of what its synthesis gives back."""
    n = model.hop * 4
    x = torch.zeros(1, 1, n)
    x[..., model.hop] = 1.0
    with torch.no_grad():
        s = RaveStream()
        y = model.pqmf.synthesise(model.pqmf.analyse(x, s), s).view(-1).numpy()
    return int(np.argmax(np.abs(y))) - model.hop


def export_trained(trainable, ckpt, ckpt_path, out, name, data_manifest, git_commit):
    model = trainable.model.eval()
    c = trainable.config
    riff = make_riff()
    signal = riff[:len(riff) // model.hop * model.hop].copy()
    latency = pqmf_delay(model)
    data = None
    if ckpt_path and data_manifest and os.path.exists(data_manifest):
        with open(data_manifest) as f:
            m = json.load(f)
        data = {k: m.get(k) for k in ("generator", "seed", "soundfont", "soundfonts") if k in m}
        for split in ("train", "heldout"):
            if f"{split}_seconds" in m:
                data[f"{split}_minutes"] = round(m[f"{split}_seconds"] / 60, 1)
            if isinstance(m.get(split), list):
                data[f"{split}_phrases"] = len(m[split])
    extra = {
        "architecture": {"family": "RAVE v2-style (lpexport.rave.spec), causal, amplitude modulation, "
                                   + ("the noise generator filtering the player's whitened signal (excitation layer)"
                                      if c.get("excitation") else "noise generator"),
                         "parameters": int(sum(p.numel() for p in model.parameters())), **c},
        "provenance": {
            "checkpoint": os.path.basename(ckpt_path) if ckpt_path else "random-init (seed 0)",
            "steps": int(ckpt["step"]), "wall_time_hours": round(ckpt["elapsed"] / 3600, 3),
            "training": {k: v for k, v in (ckpt.get("args") or {}).items()
                         if k in ("steps", "batch", "crop", "lr", "drop_at", "lr_drop", "beta", "beta_warmup", "seed",
                                  "adversarial_at", "adversarial_weight", "feature_weight", "device", "threads")},
            "sittings": int(ckpt.get("sittings", 0)), "data": data, "git_commit": git_commit,
            "exported": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
            "torch": torch.__version__, "onnx": onnx.__version__, "opset": OPSET,
        },
        "licence": "LatentPlayground project licence. Weights trained from scratch in this project (no third-party "
                   "weights) on audio rendered here from generated MIDI phrases.",
    }
    latency_block = {"samples": latency, "source": "architectural (PQMF round trip)"}
    parent = os.path.dirname(os.path.abspath(out))
    os.makedirs(parent, exist_ok=True)
    work = tempfile.mkdtemp(prefix=".export-", dir=parent)
    try:
        write_model_package(work, name, model, signal, latency_block, extra, int8=True)
        old = None
        if os.path.exists(out):
            old = tempfile.mkdtemp(prefix=".old-", dir=parent)
            os.rmdir(old)
            os.replace(out, old)
        os.replace(work, out)
        if old:
            shutil.rmtree(old)
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise
    size = sum(os.path.getsize(os.path.join(out, n)) for n in os.listdir(out))
    print(f"wrote {out}: RAVE-compatible architecture, latency {latency} samples, {size / 1e6:.2f} MB")
    return 0
