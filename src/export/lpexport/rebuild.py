"""Rebuild the streaming torch model from a model package's own fp32 graphs.

The package is what ships, so tools that must agree with it (the int8 quantiser, the torch
benchmark) read their weights from encoder.onnx/decoder.onnx rather than from a checkpoint that may
have moved on since the export. This works because the exporter names every Conv/ConvTranspose
initializer after its module parameter, and model.json's "architecture" holds the constructor
config (with "upsample": "polyphase", the upsamplers are the plain Convs the exporter wrote). In older
packages, transposed-conv biases are the one exception: the exporter adds them after the overlap-add,
so torch folds `bias.view(1, -1, 1)` into an unnamed [1, C, 1] initializer of an Add inside that
layer's scope; they are found there.
"""
import base64
import json
import os

import numpy as np
import onnx
import torch
from onnx import numpy_helper

from .layers import to_polyphase
from .model import DEFAULT_CONFIG, Autoencoder
from .streaming import DecoderGraph, EncoderGraph, run_streaming


class PackageError(Exception):
    """The package cannot be turned back into the torch model; the message names the file."""


def read_manifest(package):
    path = os.path.join(package, "model.json")
    try:
        with open(path) as f:
            return json.load(f)
    except (OSError, ValueError) as e:
        raise PackageError(f"{path}: {e}") from e


def load_graph(package, manifest, role):
    path = os.path.join(package, manifest[role]["file"])
    try:
        return onnx.load(path)
    except Exception as e:  # noqa: BLE001 - any parse failure is one clear line
        raise PackageError(f"{path}: does not load ({e})") from e


def _transposed_biases(graph, inits):
    """{module name: [C] bias} for every ConvTranspose, from the Add in its scope reading a [1,C,1] constant."""
    found = {}
    for node in graph.node:
        if node.op_type != "ConvTranspose":
            continue
        layer = node.input[1][:-len(".weight")]
        scope = "/" + layer.replace(".", "/") + "/"
        for add in graph.node:
            if add.op_type != "Add" or not add.name.startswith(scope):
                continue
            for name in add.input:
                t = inits.get(name)
                if t is not None and t.ndim == 3 and t.shape[0] == 1 and t.shape[2] == 1:
                    found[layer] = t.reshape(-1)
    return found


def package_weights(package, manifest):
    """Every float initializer a module parameter can come from, by parameter name."""
    weights = {}
    for role in ("encoder", "decoder"):
        graph = load_graph(package, manifest, role).graph
        inits = {i.name: numpy_helper.to_array(i) for i in graph.initializer}
        weights.update({k: v for k, v in inits.items() if not k.startswith("onnx::")})
        weights.update({f"{layer}.bias": b for layer, b in _transposed_biases(graph, inits).items()})
    return weights


def build_model(package):
    """(model in eval mode with the package's weights, manifest). Raises PackageError."""
    manifest = read_manifest(package)
    arch = manifest.get("architecture")
    if not isinstance(arch, dict):
        raise PackageError(f"{os.path.join(package, 'model.json')}: no \"architecture\" config to rebuild from")
    missing = [k for k in DEFAULT_CONFIG if k not in arch]
    if missing:
        raise PackageError(f"{os.path.join(package, 'model.json')}: architecture lacks {', '.join(missing)}")
    model = Autoencoder(**{k: arch[k] for k in DEFAULT_CONFIG}).eval()
    if arch.get("upsample") == "polyphase":
        model = to_polyphase(model).eval()
    weights = package_weights(package, manifest)
    state = {}
    for name, param in model.state_dict().items():
        if name not in weights:
            raise PackageError(f"{package}: no initializer for {name} in the fp32 graphs")
        w = weights[name]
        if tuple(w.shape) != tuple(param.shape):
            raise PackageError(f"{package}: {name} is {list(w.shape)} in the graphs, the architecture says {list(param.shape)}")
        state[name] = torch.from_numpy(np.array(w, dtype=np.float32))
    model.load_state_dict(state)
    return model, manifest


def _vectors(ref, key):
    raw = np.frombuffer(base64.b64decode(ref[key]["data"]), dtype="<f4")
    return raw.reshape(ref[key]["shape"])


def check_reference(model, package, manifest, tolerance=1e-4):
    """Max abs differences (latent, audio) against reference.json, hop by hop from reset; raises above tolerance."""
    path = os.path.join(package, manifest.get("reference", "reference.json"))
    try:
        with open(path) as f:
            ref = json.load(f)
    except (OSError, ValueError) as e:
        raise PackageError(f"{path}: {e}") from e
    hop = ref["hop"]
    x = torch.from_numpy(_vectors(ref, "input").copy()).view(1, 1, -1)
    z_ref = torch.from_numpy(_vectors(ref, "latent").T.copy()).unsqueeze(0)
    y_ref = _vectors(ref, "output").reshape(-1)
    z, _ = run_streaming(EncoderGraph(model).eval(), x, hop)
    # Decode the reference latents, as the C# test does, so each graph is checked on its own.
    y, _ = run_streaming(DecoderGraph(model).eval(), z_ref, 1)
    dz = float((z - z_ref).abs().max())
    dy = float(np.abs(y.view(-1).numpy() - y_ref).max())
    if dz > tolerance or dy > tolerance:
        raise PackageError(f"{path}: the rebuilt torch model misses the reference (latent {dz:.2e}, audio {dy:.2e}, "
                           f"tolerance {tolerance:g})")
    return dz, dy
