"""CPU training, resumable across sittings.

    python3 -m lpexport.train --data /work/lp-train/data --run /work/lp-train/run [--threads 2]

Loss: multi-scale spectral distance + beta * KL, beta warmed up linearly from 0 so the latent
first learns to carry information, then is pulled toward N(0, 1) (the pedal's latent offsets and
modulators assume roughly unit-scale dimensions). Adam; the learning rate drops by --lr-drop at
--drop-at of the planned steps (a probe found that drop gave the largest late gain).

Every --ckpt-minutes a checkpoint (model, optimiser, step, RNG states, accumulated wall time)
is written atomically to RUN/ckpt_STEP.pt; a new sitting resumes from the newest one. SIGTERM
and SIGINT also save before exiting. RUN/loss.csv logs training losses, RUN/heldout.csv the
held-out spectral distance on fixed crops.
"""
import argparse
import csv
import glob
import os
import random
import signal
import time

import numpy as np
import torch

from .checkpoint import latest, load_checkpoint, save_atomic
from .layers import Stream, apply_weight_norm
from .losses import envelope_distance, multiscale_spectral
from .model import Autoencoder, count_parameters
from .rave.discriminator import MultiScaleDiscriminator, discriminator_loss, generator_losses
from .rave.graphs import RaveStream


def parse_args(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", default="/work/lp-train/data", help="data folder (lpexport.data) or pack file (lpexport.pack)")
    ap.add_argument("--run", default="/work/lp-train/run")
    ap.add_argument("--steps", type=int, default=60000, help="planned total steps")
    ap.add_argument("--batch", type=int, default=8)
    ap.add_argument("--crop", type=int, default=32768, help="samples per crop (multiple of the hop)")
    ap.add_argument("--lr", type=float, default=5e-4)
    ap.add_argument("--drop-at", type=float, default=0.7)
    ap.add_argument("--lr-drop", type=float, default=0.1)
    ap.add_argument("--beta", type=float, default=0.02, help="KL weight after warm-up")
    ap.add_argument("--beta-warmup", type=int, default=10000)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--device", default="auto", help="auto (cuda when available), cpu or cuda")
    ap.add_argument("--adversarial-at", type=float, default=0.6,
                    help="fraction of the planned steps after which the encoder is frozen and the decoder is "
                         "fine-tuned against a multi-scale discriminator (rave arch; 1 disables)")
    ap.add_argument("--adversarial-weight", type=float, default=0.1, help="weight of the hinge loss")
    ap.add_argument("--feature-weight", type=float, default=1.0, help="weight of feature matching")
    ap.add_argument("--arch", choices=["rave", "legacy"], default="rave",
                    help="rave: the RAVE-compatible architecture every imported model runs on (lpexport.rave); "
                         "legacy: the first default model's (lpexport.model); a resumed run keeps its own")
    ap.add_argument("--excitation", action=argparse.BooleanOptionalAction, default=True,
                    help="rave arch: the noise generator filters the player's whitened signal instead of noise "
                         "(lpexport.rave.blocks.Excitation); --no-excitation trains RAVE's own decoder")
    ap.add_argument("--keep-level", action=argparse.BooleanOptionalAction, default=False,
                    help="excitation: keep the broadband level in it (whiten the spectral shape only)")
    ap.add_argument("--noise-warmup", type=int, default=4000,
                    help="rave arch: steps over which the posterior's sampling noise ramps from 0 to 1, so the "
                         "decoder learns to use the latent before it is noisy")
    ap.add_argument("--latent-only-weight", type=float, default=0.0,
                    help="excitation: weight of a second reconstruction with white noise in place of the player's "
                         "bands, which only the latent can make right (tried at 1: the latent still collapsed; src/export/README.md)")
    ap.add_argument("--envelope-weight", type=float, default=0.0,
                    help="weight of a 10 ms loudness-envelope term (output against input, at the model's latency); 0: off")
    ap.add_argument("--envelope-lag", type=int, default=368,
                    help="the model's latency in samples, for the envelope term (368: the default configuration's PQMF round trip)")
    ap.add_argument("--init-from", help="start a new run from this checkpoint's weights (fresh optimiser, step 0)")
    ap.add_argument("--free-bits", type=float, default=0.0,
                    help="rave arch: nats per latent dimension the KL term leaves free. With the excitation layer the "
                         "decoder hears the player anyway, and without free bits two runs let the latent collapse "
                         "(KL 0.04 nats per frame by step 2,600-4,100): the pedal's controls would move nothing")
    ap.add_argument("--ckpt-minutes", type=float, default=5.0)
    ap.add_argument("--keep-every", type=int, default=10000, help="also keep checkpoints at these step multiples")
    ap.add_argument("--eval-every", type=int, default=1000)
    return ap.parse_args(argv)


def load_split(data, split):
    """int16 audio of a split: from a data folder (`split`.npy) or a pack file (lpexport.pack)."""
    if os.path.isfile(data):
        from .pack import load
        train, heldout, _ = load(data)
        return train if split == "train" else heldout
    return np.load(os.path.join(data, f"{split}.npy"), mmap_mode="r")


class Crops:
    """Random crops with random gain, so loudness following is learned over a wide range."""

    def __init__(self, audio, crop, rng):
        self.audio = audio
        self.crop, self.rng = crop, rng

    def batch(self, n):
        starts = self.rng.integers(0, len(self.audio) - self.crop, size=n)
        x = np.stack([self.audio[s:s + self.crop] for s in starts]).astype(np.float32) / 32767.0
        gain = 10 ** (self.rng.uniform(-24, 0, size=(n, 1)) / 20)
        return torch.from_numpy((x * gain).astype(np.float32)).unsqueeze(1)


def fixed_heldout(audio, crop, count=16, seed=1234):
    starts = np.linspace(0, len(audio) - crop, count).astype(int)
    x = np.stack([audio[s:s + crop] for s in starts]).astype(np.float32) / 32767.0
    return torch.from_numpy(x).unsqueeze(1)


def heldout_distance(model, heldout, arch):
    """Spectral distance of the reconstruction from the posterior mean, as the pedal runs it."""
    if arch == "rave":
        s = RaveStream()  # noise at its noise-free value: the measure should not vary with the draws
        mean, _ = model.posterior(heldout, s)
        s = RaveStream()
        yh = model.synthesise(mean, heldout, s)
    else:
        mean, _ = model.posterior(heldout, Stream())
        yh = model.decode(mean, Stream())
    return multiscale_spectral(heldout, yh).item()


def lr_at(step, args):
    return args.lr * (args.lr_drop if step >= args.drop_at * args.steps else 1.0)


def beta_at(step, args):
    return args.beta * min(1.0, step / max(1, args.beta_warmup))


def prune(run_dir, keep_every):
    paths = sorted(glob.glob(os.path.join(run_dir, "ckpt_*.pt")))
    for p in paths[:-2]:
        step = int(os.path.basename(p)[5:-3])
        if step % keep_every:
            os.remove(p)


def main(argv=None):
    args = parse_args(argv)
    torch.set_num_threads(args.threads)
    # Quiet crops and silence drive activations and gradients subnormal, which is many times
    # slower on x86; flushing them to zero changes nothing audible.
    torch.set_flush_denormal(True)
    os.makedirs(args.run, exist_ok=True)

    device = torch.device("cuda" if args.device == "auto" and torch.cuda.is_available()
                          else ("cpu" if args.device == "auto" else args.device))
    resume = latest(args.run)
    config = load_checkpoint(resume)["config"] if resume else None
    arch = config.get("arch", "legacy") if resume else args.arch
    if arch == "rave":
        from .rave.trainable import RaveAutoencoder
        # A resumed run keeps the configuration it started with.
        model = RaveAutoencoder(**({k: v for k, v in config.items() if k != "arch"} if resume
                                   else {"excitation": args.excitation, "excitation_keep_level": args.keep_level}),
                                free_bits=args.free_bits)
    else:
        model = apply_weight_norm(Autoencoder())
    if args.crop % model.hop:
        raise SystemExit(f"--crop must be a multiple of the hop ({model.hop})")
    model.to(device)
    if args.init_from and not resume:
        # Weights only (new optimiser, step 0): e.g. a RAVE-decoder run whose latent is already informative,
        # continued with the excitation layer, which adds fixed filters and nothing to learn.
        missing, unexpected = model.load_state_dict(load_checkpoint(args.init_from)["model"], strict=False)
        extra = [k for k in missing if ".excitation." not in f".{k}"]
        if extra or unexpected:
            raise SystemExit(f"--init-from {args.init_from}: weights do not fit this model (missing {extra[:3]}, unexpected {unexpected[:3]})")
        print(f"initialised from {args.init_from}", flush=True)
    if hasattr(model, "latent_only_weight"):
        model.latent_only_weight = args.latent_only_weight
    params = [p for p in model.parameters() if p.requires_grad]
    opt = torch.optim.Adam(params, lr=args.lr)
    # The second phase (rave arch): a critic, its optimiser, and the decoder's own parameters.
    disc = MultiScaleDiscriminator().to(device) if arch == "rave" else None
    disc_opt = torch.optim.Adam(disc.parameters(), lr=1e-4, betas=(0.5, 0.9)) if disc is not None else None
    decoder_params = [p for p in model.model.decoder.parameters() if p.requires_grad] if arch == "rave" else params
    rng = np.random.default_rng(args.seed)
    torch.manual_seed(args.seed)
    random.seed(args.seed)
    step, elapsed, sittings = 0, 0.0, 0

    if resume:
        ckpt = load_checkpoint(resume)
        model.load_state_dict(ckpt["model"])
        opt.load_state_dict(ckpt["optimizer"])
        if disc is not None and "discriminator" in ckpt:
            disc.load_state_dict(ckpt["discriminator"])
            disc_opt.load_state_dict(ckpt["discriminator_optimizer"])
        step, elapsed, sittings = ckpt["step"], ckpt["elapsed"], ckpt.get("sittings", 0)
        torch.set_rng_state(ckpt["rng"]["torch"])
        rng.bit_generator.state = ckpt["rng"]["numpy"]
        random.setstate(ckpt["rng"]["python"])
        print(f"resumed {resume}: step {step}, {elapsed / 3600:.2f} h so far", flush=True)
    sittings += 1

    data = Crops(load_split(args.data, "train"), args.crop, rng)
    heldout = fixed_heldout(load_split(args.data, "heldout"), args.crop)
    print(f"parameters: {count_parameters(model)} trainable; data {len(data.audio) / 48000 / 60:.1f} min; "
          f"plan {args.steps} steps", flush=True)

    def save():
        path = os.path.join(args.run, f"ckpt_{step:08d}.pt")
        save_atomic({
            "model": model.state_dict(), "optimizer": opt.state_dict(), "config": model.config,
            **({"discriminator": disc.state_dict(), "discriminator_optimizer": disc_opt.state_dict()} if disc is not None else {}),
            "step": step, "elapsed": elapsed + (time.time() - sitting_start), "sittings": sittings,
            "args": vars(args),
            "rng": {"torch": torch.get_rng_state(), "numpy": rng.bit_generator.state, "python": random.getstate()},
        }, path)
        prune(args.run, args.keep_every)
        return path

    stop = {"flag": False}

    def on_signal(signum, _frame):
        stop["flag"] = True

    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)

    loss_path = os.path.join(args.run, "loss.csv")
    new_log = not os.path.exists(loss_path)
    log = open(loss_path, "a", newline="")
    writer = csv.writer(log)
    if new_log:
        writer.writerow(["step", "hours", "lr", "beta", "loss", "spectral", "kl", "steps_per_s"])
    eval_path = os.path.join(args.run, "heldout.csv")
    new_eval = not os.path.exists(eval_path)
    eval_log = open(eval_path, "a", newline="")
    eval_writer = csv.writer(eval_log)
    if new_eval:
        eval_writer.writerow(["step", "hours", "heldout_spectral"])

    sitting_start = time.time()
    last_ckpt = time.time()
    window_t, window_n, acc = time.time(), 0, np.zeros(3)
    model.train()
    while step < args.steps and not stop["flag"]:
        lr, beta = lr_at(step, args), beta_at(step, args)
        for g in opt.param_groups:
            g["lr"] = lr
        x = data.batch(args.batch).to(device)
        if hasattr(model, "noise_scale"):
            model.noise_scale = min(1.0, step / max(1, args.noise_warmup))
        adversarial = disc is not None and step >= args.adversarial_at * args.steps
        if adversarial:
            # Phase 2: encoder frozen (its latent space is what the pedal's controls were set for),
            # decoder against the critic.
            with torch.no_grad():
                mean, std = model.posterior(x, RaveStream(random_noise=True))
                z = mean + std * torch.randn_like(std)
            s = RaveStream(random_noise=True)
            y = model.synthesise(z, x, s)
            kl = torch.zeros((), device=device)
            d_loss = discriminator_loss(disc(x), disc(y.detach()))
            disc_opt.zero_grad(set_to_none=True)
            d_loss.backward()
            disc_opt.step()
            adv, fm = generator_losses(disc(x), disc(y))
            spectral = multiscale_spectral(x, y)
            loss = spectral + args.adversarial_weight * adv + args.feature_weight * fm
            opt.zero_grad(set_to_none=True)
            loss.backward()
            torch.nn.utils.clip_grad_norm_(decoder_params, 10.0)
            opt.step()
        else:
            y, kl, _ = model(x)
            spectral = multiscale_spectral(x, y)
            loss = spectral + beta * kl
            if args.envelope_weight > 0:
                loss = loss + args.envelope_weight * envelope_distance(x, y, args.envelope_lag)
            if not torch.isfinite(loss):
                # One bad batch must not end a run of hours: skip it, and say so (the envelope term's run diverged
                # to NaN once, between steps 1,152 and 1,500).
                print(f"step {step}: loss is not finite; batch skipped", flush=True)
                step += 1
                continue
            if getattr(model, "latent_only", None) is not None:
                loss = loss + args.latent_only_weight * multiscale_spectral(x, model.latent_only)
            opt.zero_grad(set_to_none=True)
            loss.backward()
            torch.nn.utils.clip_grad_norm_(params, 10.0)
            opt.step()
        step += 1
        window_n += 1
        acc += [loss.item(), spectral.item(), kl.item()]

        if step % 50 == 0:
            now = time.time()
            hours = (elapsed + now - sitting_start) / 3600
            rate = window_n / (now - window_t)
            m = acc / window_n
            writer.writerow([step, f"{hours:.4f}", f"{lr:.3g}", f"{beta:.4g}", f"{m[0]:.4f}", f"{m[1]:.4f}",
                             f"{m[2]:.3f}", f"{rate:.2f}"])
            log.flush()
            if step % 500 == 0:
                print(f"step {step} loss {m[0]:.3f} spectral {m[1]:.3f} kl {m[2]:.2f} lr {lr:.2g} "
                      f"beta {beta:.3g} {rate:.2f} steps/s {hours:.2f} h", flush=True)
            window_t, window_n, acc = now, 0, np.zeros(3)

        if step % args.eval_every == 0:
            model.eval()
            with torch.no_grad():
                # Posterior mean, as the pedal runs it.
                d = heldout_distance(model, heldout.to(device), arch)
            model.train()
            eval_writer.writerow([step, f"{(elapsed + time.time() - sitting_start) / 3600:.4f}", f"{d:.4f}"])
            eval_log.flush()

        # Milestones are saved exactly on their step so prune() keeps them for later comparison.
        if time.time() - last_ckpt > args.ckpt_minutes * 60 or step % args.keep_every == 0:
            save()
            last_ckpt = time.time()

    path = save()
    print(f"saved {path} at step {step}; {'stopped by signal' if stop['flag'] else 'plan complete'}", flush=True)


if __name__ == "__main__":
    main()
