"""Pack a data set into one file to carry to a GPU machine (which cannot render it: no fluidsynth there).

    python3 -m lpexport.pack --data /work/lp-train/data2 --out /work/lp-train/data2.pack [--max-mb 64]

Lossless. Each int16 signal is second-difference coded (music's sample-to-sample curvature is small),
split into low and high byte planes, and LZMA-compressed: about 35 % of the raw int16 here, against
50 % for plain deflate. The file is a zip holding `train.xz`, `heldout.xz` and `manifest.json`;
`lpexport.train --data FILE.pack` reads it directly. When the whole set does not fit --max-mb, the
training audio is cut at a phrase boundary so that it does (the held-out set is always whole), and
the manifest says how much was kept.
"""
import argparse
import io
import json
import lzma
import os
import sys
import zipfile

import numpy as np


def _encode(a):
    d = np.diff(np.diff(a.astype(np.int16), prepend=np.int16(0)).astype(np.int16), prepend=np.int16(0)).astype(np.int16)
    b = d.view(np.uint8).reshape(-1, 2)
    return lzma.compress(np.concatenate([b[:, 0], b[:, 1]]).tobytes(), preset=6)


def _decode(blob):
    planes = np.frombuffer(lzma.decompress(blob), dtype=np.uint8)
    n = len(planes) // 2
    d = np.empty((n, 2), dtype=np.uint8)
    d[:, 0], d[:, 1] = planes[:n], planes[n:]
    d = d.reshape(-1).view(np.int16)
    # Two running sums undo the two differences; int16 arithmetic wraps back exactly.
    return np.cumsum(np.cumsum(d, dtype=np.int16), dtype=np.int16)


def load(path):
    """(train int16, heldout int16, manifest dict) from a pack."""
    with zipfile.ZipFile(path) as z:
        return _decode(z.read("train.xz")), _decode(z.read("heldout.xz")), json.loads(z.read("manifest.json"))


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--max-mb", type=float, default=64.0)
    args = ap.parse_args(argv)
    train = np.load(os.path.join(args.data, "train.npy"))
    held = np.load(os.path.join(args.data, "heldout.npy"))
    with open(os.path.join(args.data, "manifest.json")) as f:
        manifest = json.load(f)
    held_blob = _encode(held)
    budget = args.max_mb * 1e6 - len(held_blob) - 1e6  # 1 MB for the manifest and the zip
    blob = _encode(train)
    kept = manifest["train"]
    if len(blob) > budget:
        # Cut at a phrase boundary, in proportion, then shrink until it fits.
        bounds = np.cumsum([p["samples"] for p in manifest["train"]])
        count = int(np.searchsorted(bounds, len(train) * budget / len(blob)))
        while count > 0:
            blob = _encode(train[:bounds[count - 1]])
            if len(blob) <= budget:
                break
            count -= 1
        kept = manifest["train"][:count]
        train = train[:bounds[count - 1]]
    manifest = {**manifest, "train": kept, "train_seconds": len(train) / manifest["sample_rate"],
                "packed": {"train_phrases_kept": len(kept), "codec": "second difference, byte planes, LZMA"}}
    tmp = args.out + ".tmp"
    with zipfile.ZipFile(tmp, "w", zipfile.ZIP_STORED) as z:
        z.writestr("train.xz", blob)
        z.writestr("heldout.xz", held_blob)
        z.writestr("manifest.json", json.dumps(manifest))
    os.replace(tmp, args.out)
    t, h, _ = load(args.out)
    assert np.array_equal(t, train) and np.array_equal(h, held), "the pack does not decode to the data"
    size = os.path.getsize(args.out) / 1e6
    print(f"wrote {args.out}: {size:.1f} MB, {len(t) / 48000 / 60:.1f} min training ({len(kept)} phrases) "
          f"+ {len(h) / 48000 / 60:.1f} min held out, lossless")
    return 0


if __name__ == "__main__":
    sys.exit(main())
