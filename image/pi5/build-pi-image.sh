#!/bin/bash
# Builds the Raspberry Pi 5 pedal's SD-card image with Raspberry Pi's own pi-gen (arm64 branch): Raspberry Pi
# OS Lite (bookworm, arm64) plus the pedal (stage-pedal: image/rootfs/setup.sh, the HAT, the kernel command line,
# config.txt), then a third partition, the data partition, holding the release built by deploy.sh.
# Needs internet (Raspberry Pi's and Debian's archives) and pi-gen's own dependencies (or Docker with --docker).
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/../.." && pwd)
prog=image/pi5/build-pi-image.sh

usage() {
    cat <<EOF
Usage: $prog --authorized-keys FILE [OPTIONS]

Builds OUTPUT/latentplayground-pi5.img for a Raspberry Pi 5 (flash it with rpi-imager or dd; image/README.md):
  1 bootfs  FAT32  Raspberry Pi firmware, kernel, config.txt (+ image/config.txt), cmdline.txt (+ cmdline-pedal.txt)
  2 rootfs  ext4   Raspberry Pi OS Lite + the pedal; read-only at run time (overlayroot)
  3 lpdata  ext4   /var/lib/latentplayground: releases/<version>, current, presets (factory), models, state
Steps: deploy.sh --build-only (unless --release); pi-gen (git clone of RPi-Distro/pi-gen, branch arm64, unless
--pi-gen) with a config written here and the stage image/pi5/stage-pedal after stage2; then the data partition is
made with mkfs.ext4 -d and appended to pi-gen's image with sfdisk.

Options:
  --authorized-keys FILE  SSH public keys for the admin user (required: the image has no password login)
  --hat NAME              the audio HAT, a name from image/pi5/hats.conf (default: \$PEDAL_HAT or
                          hifiberry-dacplusadcpro; others: pisound, codec-zero)
  --user NAME             the admin user (default: pedal)
  --hostname NAME         the pedal's host name (default: latentplayground)
  --release DIR           install this release folder (from 'deploy.sh --build-only DIR') instead of building one
  --rt-kernel FILE        a PREEMPT_RT kernel image for the Pi 5 to boot instead of the stock one (image/README.md,
                          "Real-time kernel"); its modules must be installed by you (see there)
  --data-size MIB         the data partition's size (default: 2048); models are tens of MB each
  --pi-gen DIR            an existing pi-gen checkout (arm64 branch) instead of cloning one
  --docker                run pi-gen's build-docker.sh instead of build.sh (no root or host packages needed)
  --output DIR            where the image goes (default: image/pi5/out)
  --dry-run               print the config, the commands and the partition plan; run nothing
  -h, --help              this help

Exit status: 0 built, 2 bad option or missing tool, 1 a build step failed. The image is written to a temporary
name and renamed when complete.
EOF
}

die() { echo "$prog: $*" >&2; exit 2; }
fail() { echo "$prog: $*" >&2; exit 1; }
log() { echo "$prog: $*" >&2; }

keys=""
hat=${PEDAL_HAT:-hifiberry-dacplusadcpro}
user=pedal
hostname=latentplayground
release=""
rt_kernel=""
data_mib=2048
pi_gen=""
docker=0
output=$here/out
dry_run=0

need_arg() { [[ $# -ge 2 && -n $2 ]] || die "$1 needs a value (see --help)"; }
while [[ $# -gt 0 ]]; do
    case $1 in
        --authorized-keys) need_arg "$@"; keys=$2; shift 2 ;;
        --hat) need_arg "$@"; hat=$2; shift 2 ;;
        --user) need_arg "$@"; user=$2; shift 2 ;;
        --hostname) need_arg "$@"; hostname=$2; shift 2 ;;
        --release) need_arg "$@"; release=$2; shift 2 ;;
        --rt-kernel) need_arg "$@"; rt_kernel=$2; shift 2 ;;
        --data-size) need_arg "$@"; data_mib=$2; shift 2 ;;
        --pi-gen) need_arg "$@"; pi_gen=$2; shift 2 ;;
        --docker) docker=1; shift ;;
        --output) need_arg "$@"; output=$2; shift 2 ;;
        --dry-run) dry_run=1; shift ;;
        -h|--help) usage; exit 0 ;;
        *) die "unknown option \"$1\" (see --help)" ;;
    esac
done
[[ -n $keys ]] || die "--authorized-keys FILE is required (the image allows SSH with keys only)"
[[ -s $keys ]] || die "--authorized-keys: $keys is missing or empty"
grep -q '^\(ssh-\|ecdsa-\|sk-\)' "$keys" || die "--authorized-keys: $keys holds no SSH public key (ssh-ed25519 ..., ssh-rsa ...)"
overlay=$(grep -v '^#' "$here/hats.conf" | awk -v h="$hat" '$1 == h {print $2}')
card=$(grep -v '^#' "$here/hats.conf" | awk -v h="$hat" '$1 == h {print $3}')
[[ -n $overlay ]] || die "--hat: \"$hat\" is not in image/pi5/hats.conf (known: $(grep -v '^#' "$here/hats.conf" | awk 'NF {printf "%s ", $1}'))"
[[ $user =~ ^[a-z_][a-z0-9_-]*$ ]] || die "--user: \"$user\" is not a valid user name"
[[ $hostname =~ ^[a-zA-Z0-9-]+$ ]] || die "--hostname: \"$hostname\" is not a valid host name"
[[ $data_mib =~ ^[0-9]+$ && $data_mib -ge 256 ]] || die "--data-size: \"$data_mib\" is not a whole number of MiB >= 256"
[[ -z $release || -x $release/latentplayground ]] || die "--release: $release/latentplayground is missing (not a release folder)"
[[ -z $rt_kernel || -s $rt_kernel ]] || die "--rt-kernel: $rt_kernel is missing or empty"
[[ -z $pi_gen || -x $pi_gen/build.sh ]] || die "--pi-gen: $pi_gen/build.sh is missing (not a pi-gen checkout)"

# pi-gen's config (sourced by its build.sh; the PEDAL_* variables are exported for stage-pedal's scripts).
write_config() {
    local files=$1
    cat <<EOF
IMG_NAME=latentplayground-pi5
PI_GEN_RELEASE="LatentPlayground pedal"
RELEASE=bookworm
DEPLOY_COMPRESSION=none
TARGET_HOSTNAME=$hostname
FIRST_USER_NAME=$user
# A random password that setup.sh locks at once: the image has no password login, SSH keys only.
FIRST_USER_PASS=$(head -c 24 /dev/urandom | base64 | tr -d '/+=')
DISABLE_FIRST_BOOT_USER_RENAME=1
ENABLE_SSH=1
PUBKEY_ONLY_SSH=1
# The first key; setup.sh installs the whole file as authorized_keys.
PUBKEY_SSH_FIRST_USER="$(grep -m1 '^\(ssh-\|ecdsa-\|sk-\)' "$keys")"
LOCALE_DEFAULT=en_GB.UTF-8
TIMEZONE_DEFAULT=Etc/UTC
STAGE_LIST="stage0 stage1 stage2 $here/stage-pedal"
export PEDAL_FILES=$files
export PEDAL_HAT=$hat
export PEDAL_RT_KERNEL=${rt_kernel:+$(cd "$(dirname "$rt_kernel")" && pwd)/$(basename "$rt_kernel")}
EOF
}

if [[ $dry_run -eq 1 ]]; then
    echo "$prog --dry-run: would do this (nothing is changed):"
    if [[ -z $release ]]; then
        echo "  1. $repo/deploy.sh --build-only <work>/release"
    else
        echo "  1. release: $release"
    fi
    if [[ -z $pi_gen ]]; then
        echo "  2. git clone --depth 1 --branch arm64 https://github.com/RPi-Distro/pi-gen <work>/pi-gen"
    else
        echo "  2. pi-gen: $pi_gen"
    fi
    echo "  3. pi-gen config (<work>/config):"
    write_config "<work>/files" | grep -v '^FIRST_USER_PASS' | sed 's/^/       /'
    echo "       FIRST_USER_PASS=<random, locked by setup.sh>"
    echo "     HAT $hat: dtoverlay=$overlay in config.txt, card $card in pedal.json"
    echo "     kernel command line + $(grep -v '^#' "$here/cmdline-pedal.txt" | tr -s '\n' ' ')"
    [[ -n $rt_kernel ]] && echo "     real-time kernel: $rt_kernel as kernel_2712_rt.img"
    if [[ $docker -eq 1 ]]; then echo "  4. (cd pi-gen && ./build-docker.sh -c <work>/config)"; else echo "  4. (cd pi-gen && sudo ./build.sh -c <work>/config)"; fi
    echo "  5. data partition lpdata: ext4 $data_mib MiB (releases/<version>, current, presets from the release's factory set,"
    echo "     models, state), appended to pi-gen's image as partition 3 with sfdisk"
    echo "  -> $output/latentplayground-pi5.img"
    exit 0
fi

for tool in git mkfs.ext4 sfdisk dd; do
    command -v "$tool" >/dev/null || die "$tool: not installed"
done
[[ $docker -eq 1 || $(id -u) -eq 0 ]] || die "pi-gen's build.sh needs root (or use --docker)"
mkdir -p "$output"
work=$(mktemp -d "$output/.work.XXXXXX")
trap 'rm -rf "$work"' EXIT

# 1. The release.
if [[ -z $release ]]; then
    "$repo/deploy.sh" --build-only "$work/release" || fail "deploy.sh --build-only failed"
    release=$work/release
fi
# 2. pi-gen.
if [[ -z $pi_gen ]]; then
    git clone --depth 1 --branch arm64 https://github.com/RPi-Distro/pi-gen "$work/pi-gen" \
        || fail "could not clone pi-gen (needs internet)"
    pi_gen=$work/pi-gen
fi
# 3. What the stage installs: image/, hardware/pinmap.json, the keys.
files=$work/files
mkdir -p "$files/hardware"
cp -a "$repo/image" "$files/image"
cp "$repo/hardware/pinmap.json" "$files/hardware/"
cp "$keys" "$files/authorized_keys"
write_config "$files" > "$work/config"
# 4. pi-gen.
log "running pi-gen (an hour or so)"
if [[ $docker -eq 1 ]]; then
    (cd "$pi_gen" && ./build-docker.sh -c "$work/config") || fail "pi-gen's build-docker.sh failed"
else
    (cd "$pi_gen" && ./build.sh -c "$work/config") || fail "pi-gen's build.sh failed"
fi
img=$(find "$pi_gen/deploy" -name '*latentplayground-pi5*.img' | sort | tail -n1)
[[ -n $img ]] || fail "pi-gen wrote no latentplayground-pi5 image under $pi_gen/deploy"

# 5. The data partition, appended.
data=$work/data
version=$(sed -n 's/^version=//p' "$release/RELEASE" 2>/dev/null || true)
version=${version:-initial}
mkdir -p "$data/releases" "$data/presets" "$data/models" "$data/state"
cp -a "$release" "$data/releases/$version"
ln -s "releases/$version" "$data/current"
[[ -d $release/Assets/presets/factory ]] && cp -a "$release/Assets/presets/factory/." "$data/presets/"
mkfs.ext4 -q -L lpdata -d "$data" "$work/data.ext4" "${data_mib}M" || fail "mkfs.ext4 of the data partition failed"
cp "$img" "$work/pedal.img"
last_end=$(sfdisk -d "$work/pedal.img" | awk -F'[=,]' '/start=/ {s=$2+0; z=$4+0; if (s+z > e) e = s+z} END {print e}')
data_start=$(( (last_end + 8191) / 8192 * 8192 ))
truncate -s $(( (data_start + data_mib * 2048) * 512 + 4 * 1024 * 1024 )) "$work/pedal.img"
echo "start=$data_start, size=$((data_mib * 2048)), type=83" | sfdisk --quiet --append "$work/pedal.img" \
    || fail "sfdisk could not append the data partition"
dd if="$work/data.ext4" of="$work/pedal.img" bs=512 seek="$data_start" conv=notrunc,sparse status=none
mv "$work/pedal.img" "$output/latentplayground-pi5.img"
log "image: $output/latentplayground-pi5.img (HAT $hat, release $version)"
