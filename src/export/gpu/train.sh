#!/usr/bin/env bash
# Train the pedal's model on a lent GPU machine, within a fixed wall-clock budget.
#
#   Here, first:  cd src/export && python3 -m lpexport.pack --data /work/lp-train/data2 --out data/gpu.pack --max-mb 50
#   Then device `run`, from the repository root, carrying src/export/data/gpu.pack:
#       bash src/export/gpu/train.sh            (TRAIN_SECONDS=480 by default; DEVICE=cuda)
#
# Steps: a short probe (PROBE_STEPS, 60) measures steps per second; the plan is then sized to fill the budget (the
# learning-rate drop and the adversarial phase are placed by step, so they land inside it); the run
# resumes from the probe and stops at the plan or at the budget (SIGTERM saves). What comes back in
# $OUT: final.pt (the weights and config only, small enough to bring back), loss.csv, heldout.csv,
# train.log. Export here: python3 -m lpexport.export --checkpoint final.pt --out DIR.
set -euo pipefail
cd "$(dirname "$0")/.."
export PYTHONUNBUFFERED=1
: "${OUT:?set OUT to the folder whose files come back}"
py=${PYTHON:-python3}
budget=${TRAIN_SECONDS:-480}
device=${DEVICE:-cuda}
data=${DATA:-data/gpu.pack}
batch=${BATCH:-16}
probe_steps=${PROBE_STEPS:-60}
crop=${CROP:-32768}
run="$OUT/run"
"$py" -c 'import torch; print("torch", torch.__version__, "cuda", torch.cuda.is_available(), torch.cuda.get_device_name(0) if torch.cuda.is_available() else "")'
start=$(date +%s)
"$py" -W ignore -m lpexport.train --data "$data" --run "$run" --device "$device" --batch "$batch" \
    --crop "$crop" --steps "$probe_steps" --eval-every 1000000 --ckpt-minutes 1000 2>&1 | tee "$OUT/train.log"
probe=$(( $(date +%s) - start ))
left=$(( budget - probe - 40 ))  # 40 s for the final save and the slim copy
plan=$("$py" -c "print(max(2 * $probe_steps, int($probe_steps / max($probe - 20, 1) * $left)))")
echo "probe: ${probe_steps} steps in ${probe}s (data load included); plan ${plan} steps in ${left}s" | tee -a "$OUT/train.log"
timeout --signal=TERM "$left" "$py" -W ignore -m lpexport.train --data "$data" --run "$run" --device "$device" \
    --batch "$batch" --crop "$crop" --steps "$plan" --eval-every 500 --ckpt-minutes 3 2>&1 | tee -a "$OUT/train.log" || true
"$py" - "$run" "$OUT/final.pt" <<'PY'
import glob, sys, torch
path = sorted(glob.glob(sys.argv[1] + "/ckpt_*.pt"))[-1]
c = torch.load(path, map_location="cpu", weights_only=False)
slim = {k: c[k] for k in ("model", "config", "step", "elapsed", "sittings", "args")}
# The optimiser and discriminator stay behind: export needs the weights alone.
slim["optimizer"], slim["rng"] = None, None
torch.save(slim, sys.argv[2])
print("final", path, "step", c["step"])
PY
cp "$run/loss.csv" "$run/heldout.csv" "$OUT/" 2>/dev/null || true
rm -rf "$run"
