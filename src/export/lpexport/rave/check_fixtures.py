"""The RAVE converter against RAVE's own references, every path, every fixture (CI runs this).

    python3 -m lpexport.rave.check_fixtures [--fixtures ../../../shared/fixtures/rave]

For each fixture folder (made by RAVE's own code, see its README): our explicit-state graphs, from
the states saved in the file, hop by hop on `input.wav`, must give
- `stream_det_latent.npy` (encoder, noise-free path),
- `stream_det_forward.wav` (decoder fed those latents, noise-free path),
- `stream_encode_decode.wav` (decoder fed `stream_latent.npy` with RAVE's own dumped draws: the latent
  padding and the noise generator's uniform noise, handed to our graph as its noise inputs),
each within 1e-4 of the largest reference value. Prints one line per check; exits 1 on any miss.
"""
import argparse
import os
import sys

import numpy as np
import torch

from .graphs import DecoderGraph, EncoderGraph, RaveModel
from .importer import initial_states

TOLERANCE = 1e-4


def read_wav_float(path):
    with open(path, "rb") as f:
        b = f.read()
    i = 12
    while i < len(b):
        cid, size = b[i:i + 4], int.from_bytes(b[i + 4:i + 8], "little")
        if cid == b"data":
            return np.frombuffer(b[i + 8:i + 8 + size], dtype="<f4").copy()
        i += 8 + size + (size & 1)
    raise ValueError(f"{path}: no data chunk")


def _decode(model, latents, pads=None, uniforms=None):
    dec = DecoderGraph(model)
    with torch.no_grad():
        dec(latents[..., :1])
        states = initial_states(dec, latents[..., :1])
        out = []
        for t in range(latents.shape[-1]):
            noise = []
            if dec.pads:
                noise.append(torch.from_numpy(pads[:, t:t + 1]).unsqueeze(0) if pads is not None
                             else torch.zeros(1, model.full_latent_size - model.latent_size, 1))
            for shape in model.ctx.noise_shapes:
                noise.append(torch.from_numpy(uniforms[t]).unsqueeze(0) if uniforms is not None else torch.full(shape, 0.5))
            o = dec(latents[..., t:t + 1], *noise, *states)
            out.append(o[0])
            states = list(o[1:])
    return torch.cat(out, -1).view(-1).numpy()


def check(folder, name):
    ts = torch.jit.load(os.path.join(folder, f"{name}_streaming.ts"), map_location="cpu")
    model = RaveModel(ts).eval()
    hop = model.hop
    x = torch.from_numpy(read_wav_float(os.path.join(folder, "input.wav"))).view(1, 1, -1)
    results = []
    with torch.no_grad():
        enc = EncoderGraph(model)
        states, zs = initial_states(enc, x[..., :hop]), []
        for i in range(0, x.shape[-1], hop):
            o = enc(x[..., i:i + hop], *states)
            zs.append(o[0])
            states = list(o[1:])
        z = torch.cat(zs, -1)[0].numpy()
    ref = np.load(os.path.join(folder, "stream_det_latent.npy"))
    results.append(("latent (noise-free)", z, ref))
    ref_lat = torch.from_numpy(ref).unsqueeze(0)
    results.append(("forward (noise-free)", _decode(model, ref_lat), read_wav_float(os.path.join(folder, "stream_det_forward.wav"))))
    pads = os.path.join(folder, "noise_stream_decode_dec_pad.npy")
    uniform = os.path.join(folder, "noise_stream_decode_noise_uniform.npy")
    lat = torch.from_numpy(np.load(os.path.join(folder, "stream_latent.npy"))).unsqueeze(0)
    y = _decode(model, lat, np.load(pads) if os.path.exists(pads) else None,
                np.load(uniform) if os.path.exists(uniform) else None)
    results.append(("encode-decode with RAVE's draws", y, read_wav_float(os.path.join(folder, "stream_encode_decode.wav"))))
    failed = False
    for what, ours, ref in results:
        rel = float(np.abs(ours - ref).max() / max(np.abs(ref).max(), 1e-12))
        ok = rel <= TOLERANCE
        failed |= not ok
        print(f"{'ok  ' if ok else 'FAIL'} {name}: {what}: relative error {rel:.2e}")
    return not failed


def main(argv=None):
    here = os.path.dirname(os.path.abspath(__file__))
    default = os.path.normpath(os.path.join(here, "..", "..", "..", "..", "..", "shared", "fixtures", "rave"))
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--fixtures", default=default)
    args = ap.parse_args(argv)
    torch.set_num_threads(2)
    if not os.path.isdir(args.fixtures):
        print(f"error: {args.fixtures}: no RAVE fixtures folder", file=sys.stderr)
        return 1
    names = sorted(n for n in os.listdir(args.fixtures) if os.path.exists(os.path.join(args.fixtures, n, f"{n}_streaming.ts")))
    if not names:
        print(f"error: {args.fixtures}: no fixtures in it", file=sys.stderr)
        return 1
    ok = all([check(os.path.join(args.fixtures, n), n) for n in names])
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
