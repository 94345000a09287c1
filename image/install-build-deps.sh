#!/bin/bash
# Installs what the image builds, the boot test, deploy.sh and image/check.sh need on a Debian bookworm (amd64 or
# arm64) machine, and lets this machine run arm64 programs (binfmt_misc with qemu-user-static).
set -euo pipefail

usage() {
    cat <<EOF
Usage: image/install-build-deps.sh [--check-only] [--dry-run]

Installs with apt-get (no recommends): mmdebstrap, qemu-user-static and binfmt-support (arm64 maintainer scripts
while building), qemu-system-arm and qemu-utils (the boot test's qemu-system-aarch64), dosfstools, mtools,
e2fsprogs, fdisk, cpio, zstd (the disk image), openssh-client, rsync (deploy.sh), socat (the qemu monitor), python3-numpy (the boot test's envelope
correlation), shellcheck and systemd (image/check.sh: systemd-analyze). Then mounts binfmt_misc if needed and
enables qemu-aarch64.

Options:
  --check-only   list what is missing and exit 1 if anything is; install nothing
  --dry-run      print the apt-get command; run nothing
  -h, --help     this help
EOF
}

packages=(mmdebstrap qemu-user-static binfmt-support qemu-system-arm qemu-utils dosfstools mtools
          e2fsprogs fdisk cpio zstd openssh-client rsync socat python3-numpy shellcheck systemd arch-test)
check_only=0
dry_run=0
while [[ $# -gt 0 ]]; do
    case $1 in
        --check-only) check_only=1; shift ;;
        --dry-run) dry_run=1; shift ;;
        -h|--help) usage; exit 0 ;;
        *) echo "image/install-build-deps.sh: unknown option \"$1\" (see --help)" >&2; exit 2 ;;
    esac
done

missing=()
for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [[ $check_only -eq 1 ]]; then
    if [[ ${#missing[@]} -gt 0 ]]; then
        echo "image/install-build-deps.sh: missing: ${missing[*]}" >&2
        exit 1
    fi
    echo "image/install-build-deps.sh: all installed"
    exit 0
fi
if [[ $dry_run -eq 1 ]]; then
    echo "+ apt-get install -y --no-install-recommends ${missing[*]:-(nothing missing)}"
    echo "+ mount -t binfmt_misc binfmt_misc /proc/sys/fs/binfmt_misc (if not mounted); update-binfmts --enable qemu-aarch64"
    exit 0
fi
[[ $(id -u) -eq 0 ]] || { echo "image/install-build-deps.sh: needs root (apt-get, binfmt_misc)" >&2; exit 2; }
if [[ ${#missing[@]} -gt 0 ]]; then
    apt-get update -q
    DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}"
fi
if [[ $(uname -m) != aarch64 ]]; then
    [[ -e /proc/sys/fs/binfmt_misc/register ]] || mount -t binfmt_misc binfmt_misc /proc/sys/fs/binfmt_misc
    update-binfmts --enable qemu-aarch64 2>/dev/null || true
    [[ -e /proc/sys/fs/binfmt_misc/qemu-aarch64 ]] \
        || { echo "image/install-build-deps.sh: binfmt_misc still has no qemu-aarch64 entry (a container without binfmt_misc rights?)" >&2; exit 1; }
fi
echo "image/install-build-deps.sh: ready"
