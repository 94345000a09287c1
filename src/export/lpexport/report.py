"""The training report next to the model package: figures from the run, the package and evaluate.

    python3 -m lpexport.report --run /work/lp-train/run --package DIR --eval eval.json \
        [--notes notes.md] [--out DIR/TRAINING.md]

Every number in the report is read from a file the pipeline wrote (loss.csv, the data manifest,
model.json, evaluate's JSON); `--notes` adds the hand-written discussion (what a miss would need).
Written atomically, so a failed run leaves the old report.
"""
import argparse
import csv
import json
import os
import sys

TARGETS = {"loudness_r": 0.93, "spectral_ratio": 2.0, "chroma_riff": 0.75, "chroma_heldout": 0.5,
           "periodic_pct": 1.0, "pitch_cents": 50.0, "int8_snr": 25.0}


def _verdict_below(value, target, unit=""):
    if value <= target:
        return f"met ({value:.2f}{unit} ≤ {target}{unit})"
    return f"**missed** by {value - target:.2f}{unit} ({value:.2f}{unit} > {target}{unit})"


def _read_csv(path):
    with open(path) as f:
        return list(csv.DictReader(f))


def _verdict(value, target):
    if value >= target:
        return f"met ({value:.2f} ≥ {target})"
    return f"**missed** by {target - value:.2f} ({value:.2f} < {target})"


def build(run, package, evaluation, notes):
    loss = _read_csv(os.path.join(run, "loss.csv"))
    held = _read_csv(os.path.join(run, "heldout.csv")) if os.path.exists(os.path.join(run, "heldout.csv")) else []
    with open(os.path.join(package, "model.json")) as f:
        manifest = json.load(f)
    prov = manifest["provenance"]
    data = prov.get("data") or {}
    int8 = manifest.get("int8", {})
    e = evaluation
    drops = [int(b["step"]) for a, b in zip(loss, loss[1:]) if a["lr"] != b["lr"]]
    rate = [float(r["steps_per_s"]) for r in loss[-200:]]
    lines = [
        "# Training report: the default model",
        "",
        f"Package `{manifest['name']}`: {manifest['architecture']['parameters']:,} parameters, "
        f"{manifest['sample_rate']} Hz mono, hop {manifest['hop']}, {manifest['latent_size']} latent dimensions. "
        f"Checkpoint `{prov['checkpoint']}`.",
        "",
        "## Data",
        f"- Rendered here by `lpexport.data` (seed {data.get('seed', '?')}) with fluidsynth from generated MIDI "
        f"phrases through {', '.join(data.get('soundfonts', {}) or [data.get('soundfont', 'TimGM6mb')])}: weighted "
        "to clean and overdriven guitar, bass, electric piano, synths, voice pads and drums, with staccato, "
        "accents, slides and vibrato.",
        f"- {data.get('train_minutes', '?')} min of training audio ({data.get('train_phrases', '?')} phrases), "
        f"{data.get('heldout_minutes', '?')} min held out ({data.get('heldout_phrases', '?')} phrases). "
        "Not committed; `python3 -m lpexport.data` rebuilds it from nothing.",
        "",
        "## Run",
        f"- {prov['steps']:,} steps of batch {prov.get('training', {}).get('batch', 8)} × "
        f"{prov.get('training', {}).get('crop', 32768)}-sample crops, Adam, seeded: multi-scale spectral loss + KL "
        "(β warm-up)" + ("; then adversarial fine-tuning of the decoder (encoder frozen, multi-scale discriminator, "
                         "hinge loss and feature matching) from the step `--adversarial-at` sets."
                         if float(prov.get('training', {}).get('adversarial_at', 0.6)) < 1 else "; no adversarial stage."),
        f"- Wall time {prov['wall_time_hours']:.2f} h over {prov['sittings']} sitting(s) (resumed from checkpoints), "
        + (f"on {'a GPU' if prov.get('device', 'cpu').startswith('cuda') else 'a shared 2-core machine'}: "
         f"{min(rate):.1f}–{max(rate):.1f} steps/s over the last 200 logged points." if rate else "(too short to log a rate)."),
        (f"- Learning rate {loss[0]['lr']} dropped ×10 at step {drops[0]:,}." if drops else
         f"- Learning rate {loss[0]['lr']} (the planned drop was not reached)." if loss else "- Learning rate: not logged."),
        (f"- Final training spectral loss {float(loss[-1]['spectral']):.2f}" if loss else "- No logged losses yet")
        + (f"; held-out spectral distance {float(held[0]['heldout_spectral']):.2f} at step {held[0]['step']} → "
           f"{float(held[-1]['heldout_spectral']):.2f} at step {held[-1]['step']}." if held else "."),
        "",
        "![loss curve](loss.png)",
        "",
        "## Measures",
        "Posterior mean, whole clip from reset (equal to the streaming output). Spectral distance: "
        "multi-scale, lower is better. Loudness: Pearson r of 20 ms RMS envelopes after aligning the "
        "latency. Chroma: mean cosine of 12-bin chroma over non-silent frames.",
        "",
        "| signal | spectral: model | untrained | unrelated clip | unrelated ÷ model | loudness r | chroma |",
        "|---|---|---|---|---|---|---|",
    ]
    for key, label in (("heldout", f"held-out music ({e['heldout']['seconds']:.0f} s)"),
                       ("riff", f"Karplus-Strong riff ({e['riff']['seconds']:.0f} s)")):
        m = e[key]
        lines.append(f"| {label} | {m['spectral_model']:.2f} | {m['spectral_untrained']:.2f} | "
                     f"{m['spectral_unrelated_clip']:.2f} | {m['spectral_unrelated_clip'] / m['spectral_model']:.2f}× | "
                     f"{m['loudness_r']:.3f} | {m['chroma_cosine']:.3f} |")
    lines += [
        "",
        "### Periodic artefacts (share of energy on the harmonic comb of each period dividing the hop, %)",
        "Judged against the comb's chance level (what a flat spectrum puts there), since at the longest "
        "periods the comb alone covers a few percent of the band.",
        "",
    ]
    periods = list(e["riff"].get("periodic_share_pct", {}))
    if periods:
        lines.append("| signal | " + " | ".join(f"P{p}" for p in periods) + " |")
        lines.append("|---|" + "---|" * len(periods))
        for key in ("heldout", "riff"):
            m = e[key]
            lines.append(f"| {key}: model | " + " | ".join(f"{m['periodic_share_pct'][p]:.2f}" for p in periods) + " |")
            lines.append(f"| {key}: input | " + " | ".join(f"{m['periodic_share_input_pct'][p]:.2f}" for p in periods) + " |")
        lines.append("| chance | " + " | ".join(f"{e['riff']['periodic_share_chance_pct'][p]:.2f}" for p in periods) + " |")
    mono = e.get("mono_riff", {})
    if "pitch_median_cents" in mono:
        lines += ["", f"Pitch following on the monophonic riff (YIN, 20 ms frames): median error "
                      f"{mono['pitch_median_cents']:.1f} cents over {mono['pitch_frames']} frames voiced in both; "
                      f"voiced-frame agreement {mono['voiced_agreement']:.2f}."]
    if "controls" in e:
        c = e["controls"]
        lines += ["", f"What the controls reach (riff): offsetting one latent dimension by {c['offset']:g} moves the output by "
                      + ", ".join(f"{v:.2f}" for v in c["spectral_move_per_dimension"])
                      + f" (spectral distance, dimensions 1-{len(c['spectral_move_per_dimension'])}), against "
                      f"{c['spectral_input_to_output']:.2f} from the input to the output. A model that ignores its latent "
                      "reads about 0.05 here: its knobs would move nothing."]
    figures = [(k, v["spectrogram"]) for k, v in e.items() if isinstance(v, dict) and v.get("spectrogram")]
    if figures:
        lines += ["", "### Spectrograms (input above, model output below)", ""]
        lines += [f"![{k}]({os.path.basename(path)})" for k, path in figures]
    h, r = e["heldout"], e["riff"]

    def excess(m):
        return max(m["periodic_share_pct"][p] - m["periodic_share_chance_pct"][p] for p in m["periodic_share_pct"])
    lines += [
        "",
        "## Targets",
        f"- Loudness r ≥ {TARGETS['loudness_r']}, held-out: {_verdict(h['loudness_r'], TARGETS['loudness_r'])}; "
        f"riff: {_verdict(r['loudness_r'], TARGETS['loudness_r'])}.",
        f"- Spectral distance ≥ {TARGETS['spectral_ratio']}× better than the unrelated clip on held-out audio: "
        f"{_verdict(h['spectral_unrelated_clip'] / h['spectral_model'], TARGETS['spectral_ratio'])}.",
        f"- Chroma ≥ {TARGETS['chroma_riff']} on the riff: {_verdict(r['chroma_cosine'], TARGETS['chroma_riff'])}; "
        f"≥ {TARGETS['chroma_heldout']} held-out: {_verdict(h['chroma_cosine'], TARGETS['chroma_heldout'])}.",
    ] + ([
        f"- Periodic-artefact share ≤ {TARGETS['periodic_pct']} % above chance at every period: held-out "
        f"{_verdict_below(excess(h), TARGETS['periodic_pct'], ' %')}; riff {_verdict_below(excess(r), TARGETS['periodic_pct'], ' %')}.",
    ] if "periodic_share_pct" in h else []) + ([
        f"- Median f0 error ≤ {TARGETS['pitch_cents']} cents on the monophonic riff: "
        f"{_verdict_below(mono['pitch_median_cents'], TARGETS['pitch_cents'], ' cents')}.",
    ] if "pitch_median_cents" in mono else []) + [
        "",
        "## int8",
        f"- {len(int8.get('quantised', []))} of {len(int8.get('quantised', [])) + len(int8.get('kept_fp32', {}))} "
        "convolutions int8 (static QDQ, per-channel weights, calibrated on held-out audio).",
        (f"- Output SNR int8 against fp32: held-out {int8['snr_db'].get('heldout', float('nan')):.1f} dB, "
         f"18 dB quieter {int8['snr_db'].get('heldout_minus_18dB', float('nan')):.1f} dB, "
         f"riff {int8['snr_db'].get('riff', float('nan')):.1f} dB (target ≥ 25 dB)." if "snr_db" in int8 else
         "- Output SNR int8 against fp32: measured with ONNX Runtime on the C# side (see Notes; target ≥ 25 dB)."),
        "- Kept fp32: " + "; ".join(f"`{k}` ({v})" for k, v in int8.get("kept_fp32", {}).items()) + ".",
    ]
    if notes:
        lines += ["", "## Notes", notes.strip()]
    return "\n".join(lines) + "\n"


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--run", default="/work/lp-train/run")
    ap.add_argument("--package", required=True)
    ap.add_argument("--eval", required=True, help="evaluate's --json output")
    ap.add_argument("--notes", help="markdown to append under Notes")
    ap.add_argument("--out", help="default: PACKAGE/TRAINING.md")
    args = ap.parse_args(argv)
    try:
        with open(args.eval) as f:
            evaluation = json.load(f)
        notes = open(args.notes).read() if args.notes else ""
        text = build(args.run, args.package, evaluation, notes)
    except (OSError, ValueError, KeyError) as err:
        print(f"report: {err}", file=sys.stderr)
        return 2
    out = args.out or os.path.join(args.package, "TRAINING.md")
    tmp = out + ".tmp"
    with open(tmp, "w") as f:
        f.write(text)
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, out)
    print(f"wrote {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
