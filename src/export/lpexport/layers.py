"""Streaming convolution layers with explicit state.

Every layer runs in two modes with the same code path:
- whole-signal: a fresh `Stream()` supplies zero states, one call covers the whole signal;
- streaming: `Stream(states)` supplies the previous call's states, and `stream.out` collects the
  new ones in call order, which is the order of the exported `state_in.NN` / `state_out.NN`.
Because the whole-signal mode also concatenates a zero state in front of the input, it computes
exactly what the streaming mode computes from reset; only the float summation order can differ.

Export rules kept here (see DESIGN.md, "Model package"):
- no in-place tensor ops (they export as ScatterND chains);
- parameters are plain `weight`/`bias` on the layer, used directly by F.conv1d /
  F.conv_transpose1d, so after weight norm is folded each ONNX Conv reads a named initializer;
- strided layers take per-call lengths that are multiples of the stride.
"""
import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.nn.utils.weight_norm import WeightNorm


class Stream:
    """Carries states through one forward call, in a fixed call order."""

    def __init__(self, states=None):
        self._in = iter(states) if states is not None else None
        self.out = []

    def take(self, shape_fn, ref):
        if self._in is None:
            return ref.new_zeros(shape_fn(ref.shape[0]))
        return next(self._in)

    def put(self, state):
        self.out.append(state)


def _init_conv(weight, bias):
    nn.init.kaiming_uniform_(weight, a=5 ** 0.5)
    if bias is not None:
        fan_in = weight.shape[1] * weight.shape[2]
        bound = 1.0 / fan_in ** 0.5
        nn.init.uniform_(bias, -bound, bound)


class CausalConv1d(nn.Module):
    """y = conv(cat(state, x)); new state = the last (k-1)*d + 1 - stride input frames.

    With stride s the state holds (k-1)*d + 1 - s frames, so an input of n*s frames gives n
    outputs, and output i sees inputs up to frame i*s + s - 1 (the newest of its own stride).
    """

    def __init__(self, in_ch, out_ch, kernel_size, stride=1, dilation=1, groups=1, bias=True):
        super().__init__()
        self.in_ch, self.out_ch = in_ch, out_ch
        self.kernel_size, self.stride, self.dilation, self.groups = kernel_size, stride, dilation, groups
        self.weight = nn.Parameter(torch.empty(out_ch, in_ch // groups, kernel_size))
        self.bias = nn.Parameter(torch.empty(out_ch)) if bias else None
        _init_conv(self.weight, self.bias)
        self.context = (kernel_size - 1) * dilation + 1 - stride
        if self.context < 0:
            raise ValueError("stride larger than the receptive field is not supported")

    def state_shape(self, batch):
        return (batch, self.in_ch, self.context)

    def forward(self, x, stream):
        if self.context == 0:
            return F.conv1d(x, self.weight, self.bias, self.stride, 0, self.dilation, self.groups)
        xc = torch.cat([stream.take(self.state_shape, x), x], dim=-1)
        # Constant (negative) slice bounds keep the exported graph free of Shape arithmetic, so
        # every output has a static shape.
        stream.put(xc[..., -self.context:])
        return F.conv1d(xc, self.weight, self.bias, self.stride, 0, self.dilation, self.groups)


class CausalConvTranspose1d(nn.Module):
    """Upsampling by `stride` with a kernel longer than the stride; the state is the overlap tail.

    Each input frame writes kernel_size outputs; the last kernel_size - stride of a call's output
    belong to the next call, so they are carried as state and added to the next call's head.
    The bias is added once, after the overlap-add: inside the transposed conv it would be added
    to both the tail and the head it is summed into.
    """

    def __init__(self, in_ch, out_ch, kernel_size, stride, bias=True):
        super().__init__()
        if kernel_size < stride:
            raise ValueError("kernel_size must be >= stride")
        self.in_ch, self.out_ch, self.kernel_size, self.stride = in_ch, out_ch, kernel_size, stride
        self.weight = nn.Parameter(torch.empty(in_ch, out_ch, kernel_size))
        self.bias = nn.Parameter(torch.empty(out_ch)) if bias else None
        _init_conv(self.weight, self.bias)
        self.tail = kernel_size - stride

    def state_shape(self, batch):
        return (batch, self.out_ch, self.tail)

    def forward(self, x, stream):
        y = F.conv_transpose1d(x, self.weight, None, self.stride)
        if self.tail > 0:
            # Overlap-add of the previous call's tail onto this call's head, with constant slice
            # bounds only (no Shape arithmetic in the graph, static output shapes).
            head = y[..., :self.tail] + stream.take(self.state_shape, x)
            y = torch.cat([head, y[..., self.tail:]], dim=-1)
            stream.put(y[..., -self.tail:])
            y = y[..., :-self.tail]
        if self.bias is not None:
            y = y + self.bias.view(1, -1, 1)
        return y


def fold_weight_norm(module):
    """Replace every weight-norm parametrisation by its plain weight (in place), for export."""
    for m in module.modules():
        for hook in list(m._forward_pre_hooks.values()):
            if isinstance(hook, WeightNorm):
                torch.nn.utils.remove_weight_norm(m, hook.name)
    return module


def apply_weight_norm(module):
    """Weight norm on every trainable streaming conv: RAVE trains with it, and it steadies Adam.

    Frozen convs (the PQMF filters) are skipped: weight norm would make them trainable.
    """
    for m in module.modules():
        if isinstance(m, (CausalConv1d, CausalConvTranspose1d)) and m.weight.requires_grad:
            torch.nn.utils.weight_norm(m, "weight")
    return module


class PolyphaseUpsample1d(nn.Module):
    """A CausalConvTranspose1d with kernel 2*stride, rewritten as one plain causal Conv (export form).

    Output sample t*r + p of a transposed conv with kernel 2r and stride r is
        W[:, :, p] . x[t] + W[:, :, p + r] . x[t - 1] + b,
    so a kernel-2 Conv over (x[t-1], x[t]) with r*C_out output channels (channel p*C_out + c holds
    phase p of output channel c) computes every phase at once, and a reshape interleaves them.
    Same numbers, but ONNX Runtime runs it as an ordinary Conv: its weight is read at run time (live
    bending needs that; ConvTranspose weights are prepacked), and int8 QDQ fuses it into QLinearConv
    (ConvTranspose does not fuse). The state is the previous call's last input frame instead of the
    overlap tail: zeros at reset in both forms, so both give the same output from reset.
    The inner conv is a CausalConv1d so the quantiser taps it like any other layer.
    """

    def __init__(self, in_ch, out_ch, stride):
        super().__init__()
        self.in_ch, self.out_ch, self.stride = in_ch, out_ch, stride
        self.conv = CausalConv1d(in_ch, stride * out_ch, 2)

    @classmethod
    def from_transpose(cls, t):
        if t.kernel_size != 2 * t.stride:
            raise ValueError("polyphase form needs kernel_size == 2 * stride")
        r, c_in, c_out = t.stride, t.in_ch, t.out_ch
        p = cls(c_in, c_out, r)
        w = t.weight.detach()  # [C_in, C_out, 2r]
        with torch.no_grad():
            # new[ph * C_out + c, i, 0] = w[i, c, ph + r] (x[t-1]); new[ph * C_out + c, i, 1] = w[i, c, ph] (x[t])
            older = w[:, :, r:].permute(2, 1, 0).reshape(r * c_out, c_in)
            newer = w[:, :, :r].permute(2, 1, 0).reshape(r * c_out, c_in)
            p.conv.weight.copy_(torch.stack([older, newer], dim=-1))
            bias = t.bias.detach() if t.bias is not None else torch.zeros(c_out)
            p.conv.bias.copy_(bias.repeat(r))
        return p

    def forward(self, x, stream):
        y = self.conv(x, stream)  # [B, r*C_out, n]
        b, _, n = y.shape
        # Constant reshape targets (batch 1 and n from the example) would bake shapes in; -1 keeps
        # the exported Reshape free of Shape arithmetic while the channel counts stay constant.
        y = y.reshape(b, self.stride, self.out_ch, n).permute(0, 2, 3, 1)
        return y.reshape(b, self.out_ch, -1)


def to_polyphase(module):
    """Replace every kernel-2r transposed conv by its PolyphaseUpsample1d (in place), for export."""
    for name, m in list(module.named_modules()):
        for child_name, child in list(m.named_children()):
            if isinstance(child, CausalConvTranspose1d) and child.kernel_size == 2 * child.stride:
                setattr(m, child_name, PolyphaseUpsample1d.from_transpose(child))
    return module
