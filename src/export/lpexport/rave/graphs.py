"""The exported graphs of an imported RAVE model: encoder and decoder, one hop per call, explicit state.

Encoder: audio [1,1,hop] + states -> latent [1,L,1] + states. The latent is RAVE's exported latent
on its deterministic path: the posterior mean (no reparametrisation draw), minus `latent_mean`,
rotated by `latent_pca` and cropped to the exported latent size L.
Decoder: latent [1,L,1] + noise inputs + states -> audio [1,1,hop] + states. RAVE fills the cropped
dimensions L..full with normal draws and its noise generator draws uniform noise; here both are graph
inputs (`noise.latent_pad`, `noise.uniform.NN`), so the engine owns the randomness and seeds it.
Zeros for the pad and 0.5 for the uniform noise give RAVE's deterministic path (noise adds 0).
"""
import torch
import torch.nn as nn
import torch.nn.functional as F

from .blocks import PQMF, Ctx, Unsupported, build


class RaveStream:
    """States in call order; a fresh stream starts from the values saved in the file."""

    def __init__(self, states=None, noises=None, random_noise=False):
        self._in = iter(states) if states is not None else None
        self.out = []
        self.taken = []  # what each take() returned, in call order: the initial states of a fresh stream
        self._noises = noises
        self._random = random_noise  # training: fresh uniform draws, as RAVE's own forward does
        self.excitation = None  # the whitened input bands, for models with an Excitation layer

    def take(self, init, ref=None):
        if self._in is not None:
            state = next(self._in)
        elif ref is not None and ref.shape[0] != init.shape[0]:
            state = init.expand(ref.shape[0], -1, -1).clone()  # a training batch from the same start
        else:
            state = init.clone()
        self.taken.append(state)
        return state

    def put(self, state):
        self.out.append(state)

    def noise(self, index, shape, ref):
        if self._noises is not None:
            return self._noises[index]
        if self._random:
            return torch.rand([ref.shape[0], *shape[1:]], device=ref.device)
        return torch.full(shape, 0.5, device=ref.device)


def check_root(ts):
    """The file's top module must be RAVE's scripted export, with the buffers its latent space needs."""
    kind = ts.original_name
    rave_like = all(hasattr(ts, a) for a in ("latent_pca", "latent_mean", "encoder", "decoder", "pqmf"))
    if kind not in ("VariationalScriptedRAVE", "ScriptedRAVE") or not rave_like:
        raise Unsupported(f"not a RAVE model (its top module is {kind}, without RAVE's encoder, decoder, PQMF and latent PCA)")
    if kind != "VariationalScriptedRAVE":
        raise Unsupported(f"{kind} (only RAVE's variational export is supported)")


class Projection(nn.Module):
    def __init__(self, weight):
        super().__init__()
        self.weight = nn.Parameter(weight.contiguous(), requires_grad=False)


class RaveModel(nn.Module):
    """Everything of a RAVE export the pedal runs, built from the loaded TorchScript module."""

    def __init__(self, ts):
        super().__init__()
        check_root(ts)
        if int(ts.n_channels) != 1:
            raise Unsupported(f"n_channels = {int(ts.n_channels)} (the pedal is mono)")
        if bool(ts.is_using_adain):
            raise Unsupported("AdaptiveInstanceNormalization (adain) in use")
        if str(ts.input_mode) != "pqmf" or str(ts.output_mode) != "pqmf":
            raise Unsupported(f"input_mode/output_mode {ts.input_mode}/{ts.output_mode}")
        if ts.encoder.original_name != "VariationalEncoder":
            raise Unsupported(f"encoder {ts.encoder.original_name}")
        self.ctx = Ctx()
        self.pqmf = PQMF(ts.pqmf, self.ctx)
        self.encoder = build(ts.encoder.encoder, self.ctx)
        # Built before the decoder, whose noise generators then read it instead of noise inputs.
        exc = getattr(ts, "excitation", None)
        self.excitation = build(exc, self.ctx) if exc is not None else None
        self.decoder = build(ts.decoder, self.ctx)
        self.latent_size = int(ts.latent_size)
        self.full_latent_size = int(ts.full_latent_size)
        self.sample_rate = int(ts.sr)
        self.hop = int(ts.encode_params[3])
        pca = ts.latent_pca.detach().clone()
        # The PCA rotation in and out, as 1x1 conv weights with readable names (not folded constants).
        self.latent_in, self.latent_out = Projection(pca.unsqueeze(-1)), Projection(pca.t().unsqueeze(-1))
        self.mean = nn.Parameter(ts.latent_mean.detach().clone(), requires_grad=False)
        if not 1 <= self.latent_size <= self.full_latent_size:
            raise Unsupported(f"latent_size {self.latent_size}")

    def encode(self, audio, s):
        raw = self.encoder(self.pqmf.analyse(audio, s), s)
        mean = raw[:, :self.full_latent_size]
        z = F.conv1d(mean - self.mean.view(1, -1, 1), self.latent_in.weight)
        return z[:, :self.latent_size]

    def decode(self, z, pad, s, audio=None):
        """`audio`: the input the latent came from, for a model with an Excitation layer (else ignored)."""
        if self.excitation is not None:
            s.excitation = self.excitation(audio, s)
        if pad is not None:
            z = torch.cat([z, pad], dim=1)
        z = F.conv1d(z, self.latent_out.weight) + self.mean.view(1, -1, 1)
        return self.pqmf.synthesise(self.decoder(z, s), s)


class EncoderGraph(nn.Module):
    def __init__(self, model):
        super().__init__()
        self.model = model

    def forward(self, audio, *states):
        s = RaveStream(states if states else None)
        return (self.model.encode(audio, s), *s.out)


class DecoderGraph(nn.Module):
    """Inputs: latent, then `excitation.audio` (the pedal's own models: the hop the encoder read), then
    `noise.latent_pad` (if L < full), then one `noise.uniform.NN` per noise generator, then the states."""

    def __init__(self, model):
        super().__init__()
        self.model = model
        self.pads = 1 if model.latent_size < model.full_latent_size else 0
        self.audio = 1 if model.excitation is not None else 0

    def noise_count(self):
        return self.audio + self.pads + len(self.model.ctx.noise_shapes)

    def forward(self, latent, *rest):
        n = self.noise_count() if rest else 0  # nothing given: deterministic noise, silence in, saved states
        noises, states = rest[:n], rest[n:]
        audio = noises[0] if self.audio and noises else None
        noises = noises[self.audio:]
        pad = noises[0] if self.pads and noises else None
        uniform = list(noises[self.pads:])
        if self.pads and pad is None:
            pad = torch.zeros(1, self.model.full_latent_size - self.model.latent_size, latent.shape[-1])
        if self.audio and audio is None:
            audio = torch.zeros(1, 1, latent.shape[-1] * self.model.hop)
        s = RaveStream(states if states else None, uniform if uniform else None)
        return (self.model.decode(latent, pad, s, audio), *s.out)
