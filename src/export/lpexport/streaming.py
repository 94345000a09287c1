"""Run the model hop by hop with carried state, and the export-facing graph wrappers.

The wrappers are what torch.onnx.export traces: positional tensors in, positional tensors out, so
the ONNX graph's inputs are (audio|latent, state_in.00, ...) and its outputs
(latent|audio, state_out.00, ...), paired by index.
"""
import torch
import torch.nn as nn

from .layers import Stream


class EncoderGraph(nn.Module):
    """audio [1,1,hop*k] + states -> posterior mean [1,L,k] + states (deterministic: no sampling)."""

    def __init__(self, model):
        super().__init__()
        # Hold the submodules directly so initializer names start with pqmf./encoder.
        self.pqmf = model.pqmf
        self.encoder = model.encoder
        self.latent_size = model.config["latent_size"]

    def forward(self, audio, *states):
        s = Stream(states if states else None)  # no states given: start from reset
        # A constant slice, not chunk(): chunk traces into Shape/Div arithmetic.
        mean = self.encoder(self.pqmf(audio, s), s)[:, :self.latent_size]
        return (mean, *s.out)


class DecoderGraph(nn.Module):
    """latent [1,L,k] + states -> audio [1,1,hop*k] + states."""

    def __init__(self, model):
        super().__init__()
        self.decoder = model.decoder
        self.pqmf = model.pqmf

    def forward(self, latent, *states):
        s = Stream(states if states else None)  # no states given: start from reset
        audio = self.pqmf.inverse(self.decoder(latent, s), s)
        return (audio, *s.out)


def zero_states(graph, example):
    """State tensors at reset, in graph order: found by one whole-signal (zero-state) call."""
    with torch.no_grad():
        outs = graph(example)
    return [torch.zeros_like(t) for t in outs[1:]]


def run_streaming(graph, signal, block, states=None):
    """Feed `signal` [1,C,T] block by block along time, carrying state; concat outputs."""
    if states is None:
        states = zero_states(graph, signal[..., :block])
    outs = []
    with torch.no_grad():
        for start in range(0, signal.shape[-1], block):
            y, *states = graph(signal[..., start:start + block], *states)
            outs.append(y)
    return torch.cat(outs, dim=-1), states


def run_whole(graph, signal):
    with torch.no_grad():
        return graph(signal)[0]
