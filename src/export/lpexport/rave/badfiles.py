"""Hostile inputs for `model import`, made from a real RAVE export (for the tests; writes nothing else).

    python3 -m lpexport.rave.badfiles SOURCE.ts OUT_DIR

Writes into OUT_DIR:
- `not_rave.ts`: a valid TorchScript file that is not a RAVE model;
- `stereo.ts`: the RAVE export with `n_channels` = 2 (a configuration the pedal does not play);
- `unknown_layer.ts`: a miniature RAVE-shaped model with a recurrent layer (GRU) in its encoder;
- `truncated.ts`: the first 60 % of the file;
- `garbage.ts`: random bytes;
- `empty.ts`: zero bytes.
"""
import os
import sys

import numpy as np
import torch


class NotRave(torch.nn.Module):
    def forward(self, x):
        return x * 2.0


# A miniature RAVE-shaped model whose encoder holds a recurrent layer (RAVE's optional GRU), which the
# pedal's converter does not stream. Class names are what the converter reads, so they match RAVE's.
class CachedPadding1d(torch.nn.Module):
    def __init__(self, padding: int):
        super().__init__()
        self.padding, self.crop = padding, False
        self.register_buffer("pad", torch.zeros(64, 1, padding))

    def forward(self, x):
        return x


class CachedConv1d(torch.nn.Module):
    def __init__(self, cin: int, cout: int, k: int, stride: int):
        super().__init__()
        self.weight = torch.nn.Parameter(torch.zeros(cout, cin, k))
        self.bias = None
        self.stride, self.dilation, self.groups, self.padding = (stride,), (1,), 1, (0,)
        self.downsampling_delay = CachedPadding1d(0)
        self.cache = CachedPadding1d(k - 1)

    def forward(self, x):
        return x


class CachedPQMF(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.n_band = 16
        self.register_buffer("hk", torch.zeros(16, 32))
        self.forward_conv = CachedConv1d(1, 16, 33, 16)
        self.inverse_conv = CachedConv1d(16, 16, 3, 1)

    def forward(self, x):
        return x


class GRU(torch.nn.Module):
    def forward(self, x):
        return x


class EncoderV2(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.net = GRU()

    def forward(self, x):
        return self.net(x)


class VariationalEncoder(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.encoder = EncoderV2()

    def forward(self, x):
        return self.encoder(x)


class VariationalScriptedRAVE(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.pqmf = CachedPQMF()
        self.encoder = VariationalEncoder()
        self.decoder = GRU()
        self.n_channels, self.is_using_adain = 1, False
        self.input_mode, self.output_mode = "pqmf", "pqmf"
        self.latent_size, self.full_latent_size, self.sr = 8, 8, 44100
        self.register_buffer("encode_params", torch.tensor([1, 1, 8, 2048]))
        self.register_buffer("latent_pca", torch.eye(8))
        self.register_buffer("latent_mean", torch.zeros(8))

    def forward(self, x):
        return self.encoder(self.pqmf(x))


def main(argv=None):
    argv = sys.argv[1:] if argv is None else argv
    source, out = argv
    os.makedirs(out, exist_ok=True)
    torch.jit.save(torch.jit.script(NotRave()), os.path.join(out, "not_rave.ts"))

    ts = torch.jit.load(source)
    ts.n_channels = 2
    torch.jit.save(ts, os.path.join(out, "stereo.ts"))

    torch.jit.save(torch.jit.script(VariationalScriptedRAVE()), os.path.join(out, "unknown_layer.ts"))

    data = open(source, "rb").read()
    with open(os.path.join(out, "truncated.ts"), "wb") as f:
        f.write(data[:len(data) * 6 // 10])
    with open(os.path.join(out, "garbage.ts"), "wb") as f:
        f.write(np.random.default_rng(0).integers(0, 256, 100_000, dtype=np.uint8).tobytes())
    open(os.path.join(out, "empty.ts"), "wb").close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
