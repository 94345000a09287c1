"""Time a RAVE TorchScript export as nn~ and the RAVE VST run it: `torch.jit.load`, streaming mode.

    OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 LD_LIBRARY_PATH=/usr/lib/x86_64-linux-gnu/openblas-serial \\
        python3 -m lpexport.rave.bench_ts --ts MODEL.ts --seconds 20

Each timed hop is one call of the module's own `forward` (encode then decode, its cached convolutions
carrying state, its own noise draws) on one hop of the Karplus-Strong riff, on one thread. The module
is the file as the user has it; nothing is rebuilt. Prints one JSON line in the format of
lpexport.bench_torch, which `latentplayground bench --torchscript` parses. A file that is not a
streaming RAVE export exits 2 with one line.
"""
import argparse
import json
import sys
import time

import numpy as np
import torch

from ..riff import make_riff

WARMUP_HOPS = 30


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--ts", required=True, help="RAVE TorchScript export (streaming)")
    ap.add_argument("--seconds", type=float, default=20.0)
    args = ap.parse_args(argv)
    torch.set_num_threads(1)
    torch.set_num_interop_threads(1)
    try:
        ts = torch.jit.load(args.ts, map_location="cpu").eval()
        hop, rate = int(ts.encode_params[3]), int(ts.sr)
    except Exception as e:  # not TorchScript, or not RAVE
        print(f"bench_ts: {args.ts}: not a RAVE TorchScript export ({str(e).strip().splitlines()[0] if str(e).strip() else type(e).__name__})", file=sys.stderr)
        return 2
    hops = max(1, int(round(args.seconds * rate / hop)))
    riff = make_riff(seconds=(hops + WARMUP_HOPS) * hop / 48000 + 1.0)
    signal = torch.from_numpy(riff[:(hops + WARMUP_HOPS) * hop].copy()).view(-1, 1, 1, hop)
    times = []
    with torch.no_grad():
        for i, frame in enumerate(signal):
            t0 = time.perf_counter_ns()
            ts(frame)
            if i >= WARMUP_HOPS:
                times.append((time.perf_counter_ns() - t0) / 1000.0)
    print(json.dumps({"torch": torch.__version__, "mode": "torch.jit.load of the .ts, its streaming forward, 1 thread",
                      "hop_duration_us": 1e6 * hop / rate,
                      "median_us": round(float(np.median(times)), 1),
                      "hop_us": [round(t, 1) for t in times]}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
