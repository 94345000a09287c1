"""Checkpoint I/O shared by training, export and verification."""
import glob
import os

import torch

from .layers import apply_weight_norm, fold_weight_norm
from .model import Autoencoder


def latest(run_dir):
    paths = sorted(glob.glob(os.path.join(run_dir, "ckpt_*.pt")))
    return paths[-1] if paths else None


def load_checkpoint(path):
    """torch.load of our own checkpoints (they hold RNG states and numpy objects): torch >= 2.6 defaults
    to weights_only=True, which refuses them; torch 1.13 already knows the flag."""
    return torch.load(path, map_location="cpu", weights_only=False)


def save_atomic(obj, path):
    # A session may be killed at any instant: never leave a truncated checkpoint behind.
    tmp = path + ".tmp"
    with open(tmp, "wb") as f:
        torch.save(obj, f)
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, path)


def load_model(path_or_run, fold=True):
    """Model in eval mode from a checkpoint file or run directory; weight norm folded if asked."""
    path = latest(path_or_run) if os.path.isdir(path_or_run) else path_or_run
    if path is None:
        raise FileNotFoundError(f"no checkpoint in {path_or_run}")
    ckpt = load_checkpoint(path)
    if ckpt["config"].get("arch") == "rave":
        # The RAVE-compatible architecture (lpexport.rave): the same blocks every imported model runs on.
        from .rave.trainable import RaveAutoencoder
        model = RaveAutoencoder(**{k: v for k, v in ckpt["config"].items() if k != "arch"})
        model.load_state_dict(ckpt["model"])
        if fold:
            model.fold()
        return model.eval(), ckpt, path
    model = apply_weight_norm(Autoencoder(**ckpt["config"]))
    model.load_state_dict(ckpt["model"])
    if fold:
        fold_weight_norm(model)
    return model.eval(), ckpt, path
