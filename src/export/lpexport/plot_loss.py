"""Loss-curve PNG from a run directory's loss.csv and heldout.csv.

    python3 -m lpexport.plot_loss --run /work/lp-train/run --out loss.png
"""
import argparse
import csv
import os

import matplotlib

matplotlib.use("Agg")  # headless: no display on the build machine
import matplotlib.pyplot as plt  # noqa: E402


def read(path):
    with open(path) as f:
        return list(csv.DictReader(f))


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--run", default="/work/lp-train/run")
    ap.add_argument("--out", required=True)
    args = ap.parse_args(argv)
    train = read(os.path.join(args.run, "loss.csv"))
    fig, ax = plt.subplots(figsize=(8, 4.5), dpi=100)
    ax.plot([int(r["step"]) for r in train], [float(r["spectral"]) for r in train],
            lw=0.6, alpha=0.7, label="train: multi-scale spectral")
    held_path = os.path.join(args.run, "heldout.csv")
    if os.path.exists(held_path):
        held = read(held_path)
        ax.plot([int(r["step"]) for r in held], [float(r["heldout_spectral"]) for r in held],
                "o-", ms=3, label="held-out: multi-scale spectral (posterior mean)")
    drops = [int(r["step"]) for a, r in zip(train, train[1:]) if r["lr"] != a["lr"]]
    for step in drops:
        ax.axvline(step, color="gray", ls="--", lw=0.8)
        ax.text(step, ax.get_ylim()[1], " lr drop", va="top", fontsize=8, color="gray")
    ax.set_xlabel("step")
    ax.set_ylabel("distance (lower is better)")
    hours = float(train[-1]["hours"]) if train else 0.0
    ax.set_title(f"LatentPlayground default model: {train[-1]['step'] if train else 0} steps, {hours:.2f} h wall time")
    ax.grid(alpha=0.3)
    ax.legend()
    fig.tight_layout()
    fig.savefig(args.out)


if __name__ == "__main__":
    main()
