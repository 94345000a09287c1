"""RAVE-style models built from a configuration, on the same blocks an import uses (one architecture).

`build_tree(config)` writes the module tree a RAVE export would hold, as plain `Node` objects carrying
the same class names, hyper-parameters and (freshly initialised) weights, so `graphs.RaveModel` builds
our streaming blocks from it exactly as it does from a `.ts` file. The pedal's own model is trained on
that model (`lpexport.train`), exported by the same graphs, and so plays through the same code as every
imported model.

The configuration follows RAVE v2 (acids-ircam/RAVE `v2.gin`, with `causal.gin` for streaming with
little delay): a 16-band PQMF; an encoder of dilated residual units and strided convolutions; a
decoder of transposed-convolution upsamplers and dilated residual units, a waveform head with
amplitude modulation and RAVE's filtered-noise generator; weight normalisation while training.
Differences, on purpose: the PQMF prototype is this project's own design (lpexport.pqmf), written in
RAVE's analysis/synthesis convolution form; weights start from torch's default initialisation.
"""
import math

import numpy as np
import torch

from ..pqmf import filter_bank

DEFAULT = dict(
    sample_rate=48000,
    bands=16,
    pqmf_taps_per_band=24,
    pqmf_attenuation_db=100.0,
    capacity=16,
    ratios=[4, 4, 4, 2],
    dilations=[[1, 3, 9], [1, 3, 9], [1, 3, 9], [1, 3]],
    kernel_size=3,
    latent_size=8,
    amplitude_modulation=True,
    noise_ratios=[2, 2, 2],
    noise_hidden=64,
    noise_bands=8,
    causal=True,
    # The pedal's own models: the noise generator filters the player's whitened signal (blocks.Excitation).
    # Off here so checkpoints from before it load as they were; lpexport.train turns it on for new runs.
    excitation=False,
    excitation_window=32,
    # -100 dB: every band that holds anything is whitened, so only the latent can say how loud it is. At
    # 1e-3 (-60 dB) quiet bands passed through level and all, and a first run left the latent unused
    # (KL 0.05 nats per frame at step 2600): the pedal's controls would have had nothing to move.
    excitation_floor=1e-5,
    # Keep the broadband level in the excitation, whiten only the spectral shape. Whitening the level too left
    # it to the latent, and a run collapsed its latent anyway (KL 0.04 at step 4,100) and played every note
    # at one fixed level, decays and silences gone: loudness must follow the player by construction.
    excitation_keep_level=False,
)


class Node:
    """A stand-in for one TorchScript module: its class name, its attributes, its children in order."""

    def __init__(self, kind, children=(), **attrs):
        self.original_name = kind
        self._children = list(children)
        for k, v in attrs.items():
            setattr(self, k, v)
        for name, child in self._children:
            setattr(self, name, child)

    def named_children(self):
        return list(self._children)

    def named_modules(self, prefix=""):
        yield prefix, self
        for name, child in self._children:
            yield from child.named_modules(f"{prefix}.{name}" if prefix else name)


def _padding(kernel, dilation, causal):
    """cached_conv's total padding (left + right) and its right part, for kernel k and dilation d."""
    p = (kernel - 1) * dilation + 1
    if kernel == 1:
        return 0, 0
    return p - 1, (0 if causal else p // 2)


def _weight(c_out, c_in, k):
    w = torch.empty(c_out, c_in, k)
    torch.nn.init.kaiming_uniform_(w, a=math.sqrt(5))
    return w


def pad(channels, length, crop=False):
    return Node("CachedPadding1d", padding=length, crop=crop, pad=torch.zeros(1, channels, length))


def conv(c_in, c_out, kernel, causal, stride=1, dilation=1, groups=1, bias=True, weight=None, cache=None):
    total, _ = _padding(kernel, dilation, causal)
    if cache is not None:
        total = cache
    w = weight if weight is not None else _weight(c_out, c_in // groups, kernel)
    b = None
    if bias:
        bound = 1 / math.sqrt((c_in // groups) * kernel)
        b = torch.empty(c_out).uniform_(-bound, bound)
    return Node("CachedConv1d", [("downsampling_delay", pad(c_in, 0, crop=True)), ("cache", pad(c_in, total))],
                weight=w, bias=b, stride=(stride,), dilation=(dilation,), groups=groups, padding=(0,))


def conv_transpose(c_in, c_out, ratio):
    w = torch.empty(c_in, c_out, 2 * ratio)
    torch.nn.init.kaiming_uniform_(w, a=math.sqrt(5))
    bound = 1 / math.sqrt(c_out * 2 * ratio)
    return Node("CachedConvTranspose1d", weight=w, bias=torch.empty(c_out).uniform_(-bound, bound),
                stride=(ratio,), padding=(ratio // 2,), dilation=(1,), groups=1,
                cache=torch.zeros(1, c_out, 2 * (ratio // 2)))


def act():
    return Node("LeakyReLU", negative_slope=0.2)


def seq(*layers, kind="CachedSequential"):
    return Node(kind, [(str(i), layer) for i, layer in enumerate(layers)])


def residual(dim, kernel, dilation, causal):
    # RAVE's DilatedUnit: activation, dilated conv, activation, 1x1 conv; the skip branch is delayed by
    # the unit's own delay (none when causal), so both branches line up.
    unit = Node("DilatedUnit", [("net", seq(act(), conv(dim, dim, kernel, causal, dilation=dilation), act(),
                                            conv(dim, dim, 1, causal)))])
    _, right = _padding(kernel, dilation, causal)
    aligned = Node("AlignBranches", [("branches", seq(unit, Node("Identity"), kind="ModuleList")),
                                     ("paddings", seq(pad(dim, 0, True), pad(dim, right, True), kind="ModuleList"))])
    return Node("Residual", [("aligned", aligned)])


def analysis_conv(m, n, analysis):
    """The PQMF analysis as a strided conv. Band k at frame t: sum_j h_k[j] x[tM + M-1 - j]; as a
    cross-correlation over the window ending at x[tM + M-1], tap i reads j = N-1-i. The cache holds the
    N-M samples before the call."""
    wa = torch.from_numpy(analysis[:, ::-1].copy()).float().unsqueeze(1)
    return conv(1, m, n, True, stride=m, bias=False, weight=wa, cache=n - m)


def excitation_node(c):
    """blocks.Excitation: the same PQMF analysis, then each band's power averaged over `excitation_window`
    band samples (causal, fixed weights) for the whitening."""
    m, n = c["bands"], c["bands"] * c["pqmf_taps_per_band"]
    analysis, _ = filter_bank(m, n, c["pqmf_attenuation_db"])
    w = c["excitation_window"]
    average = torch.full((m, 1, w), 1.0 / w)
    return Node("LPExcitation", [("analysis", analysis_conv(m, n, analysis)),
                                 ("envelope", conv(m, m, w, True, groups=m, bias=False, weight=average))],
                floor=c["excitation_floor"], keep_level=c["excitation_keep_level"])


def pqmf_node(bands, taps_per_band, attenuation_db):
    """Our PQMF design in RAVE's form: a strided analysis conv on the signal, a polyphase synthesis conv."""
    m, k = bands, taps_per_band
    n = m * k
    analysis, synthesis = filter_bank(m, n, attenuation_db)
    forward_conv = analysis_conv(m, n, analysis)
    # Output sample tM+p = M * sum_k sum_j g_k[jM+p] v_k[t-j]; RAVE's synthesis flips the channels
    # after the conv (channel M-1-p holds phase p) and multiplies by M itself.
    ws = np.zeros((m, m, k))
    for p in range(m):
        for j in range(k):
            ws[m - 1 - p, :, k - 1 - j] = synthesis[:, j * m + p]
    inverse_conv = conv(m, m, k, True, bias=False, weight=torch.from_numpy(ws).float())
    return Node("CachedPQMF", [("forward_conv", forward_conv), ("inverse_conv", inverse_conv)],
                n_band=m, hk=torch.from_numpy(analysis).float())


def encoder_node(c):
    causal, ks, cap = c["causal"], c["kernel_size"], c["capacity"]
    layers = [conv(c["bands"], cap, 2 * ks + 1, causal)]
    ch = cap
    for r, dil in zip(c["ratios"], c["dilations"]):
        layers += [residual(ch, ks, d, causal) for d in dil]
        layers += [act(), conv(ch, 2 * ch, 2 * r, causal, stride=r)]
        ch *= 2
    layers += [act(), conv(ch, 2 * c["latent_size"], ks, causal)]
    return Node("VariationalEncoder", [("encoder", Node("EncoderV2", [("net", seq(*layers))]))], warmed_up=0)


def decoder_node(c):
    causal, ks, cap = c["causal"], c["kernel_size"], c["capacity"]
    ratios, dilations = c["ratios"][::-1], c["dilations"][::-1]
    ch = cap * 2 ** len(ratios)
    layers = [conv(c["latent_size"], ch, ks, causal)]
    for r, dil in zip(ratios, dilations):
        layers += [act(), conv_transpose(ch, ch // 2, r)]
        ch //= 2
        layers += [residual(ch, ks, d, causal) for d in dil]
    layers.append(act())
    out = c["bands"] * (2 if c["amplitude_modulation"] else 1)
    wave = conv(ch, out, 2 * ks + 1, causal)
    noise = None
    if c["noise_ratios"]:
        nr, hidden = c["noise_ratios"], c["noise_hidden"]
        chans = [ch] + [hidden] * (len(nr) - 1) + [c["bands"] * c["noise_bands"]]
        net = []
        for i, r in enumerate(nr):
            # RAVE's NoiseGeneratorV2 pads (r, 0): causal by construction.
            net.append(conv(chans[i], chans[i + 1], 2 * r, True, stride=r, cache=r))
            if i != len(nr) - 1:
                net.append(act())
        noise = Node("NoiseGeneratorV2", [("net", seq(*net, kind="Sequential"))], data_size=c["bands"], n_channels=1,
                     target_size=torch.tensor(int(np.prod(nr))))
    return Node("GeneratorV2", [("net", seq(*layers))], noise_module=noise, waveform_module=wave,
                amplitude_modulation=c["amplitude_modulation"])


def build_tree(config=None):
    c = {**DEFAULT, **(config or {})}
    hop = c["bands"] * int(np.prod(c["ratios"]))
    latent = c["latent_size"]
    children = [("pqmf", pqmf_node(c["bands"], c["pqmf_taps_per_band"], c["pqmf_attenuation_db"])),
                ("encoder", encoder_node(c)), ("decoder", decoder_node(c))]
    if c["excitation"]:
        children.append(("excitation", excitation_node(c)))
    return Node("VariationalScriptedRAVE", children,
                latent_pca=torch.eye(latent), latent_mean=torch.zeros(latent), latent_size=latent,
                full_latent_size=latent, sr=c["sample_rate"], encode_params=torch.tensor([1, 1, latent, hop]),
                n_channels=1, is_using_adain=False, input_mode="pqmf", output_mode="pqmf")
