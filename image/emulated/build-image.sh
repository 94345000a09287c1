#!/bin/bash
# Builds the emulated pedal: a generic arm64 Debian (bookworm) disk image with the Raspberry Pi 5 image's
# partition layout, read-only root, data partition, unit, release folder and settings (image/rootfs/), booted by
# image/emulated/boot-test.sh in qemu-system-aarch64. Only the kernel (Debian's linux-image-arm64), the firmware
# (none: qemu loads the kernel itself) and config.txt (none) differ from the Pi image.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
image_dir=$(cd "$here/.." && pwd)
repo=$(cd "$image_dir/.." && pwd)
prog=image/emulated/build-image.sh

usage() {
    cat <<EOF
Usage: $prog [OPTIONS]

Builds the emulated pedal's disk image (needs root, mmdebstrap, qemu-user-static with binfmt_misc for arm64,
e2fsprogs, dosfstools, mtools, fdisk; image/install-build-deps.sh installs them). The output folder holds:
  disk.img      raw disk: 1 bootfs (FAT32, 256 MiB), 2 rootfs (ext4, read-only at run time), 3 lpdata (ext4)
  vmlinuz, initrd.img, cmdline.txt   what qemu boots (-kernel, -initrd, -append)
  id_pedal, id_pedal.pub             the SSH key the image's admin user accepts (unless --authorized-keys)
  BUILD         what went in (cache keys, release, sizes)

Two stages are cached in the cache folder: the Debian root file system (mmdebstrap, minutes; rebuilt only when
image/rootfs/packages.txt, the suite or the mirror change) and the finished image (rebuilt when the root file
system, any file under image/ or the release changes). A second run with nothing changed takes seconds.

Options:
  --release DIR          the release folder to install (what 'deploy.sh --build-only DIR' writes). Default: build
                         one with deploy.sh into CACHE/release-<commit> (reused while src/ is unchanged)
  --cache DIR            the cache folder (default: \$LP_IMAGE_CACHE or /var/cache/latentplayground-image)
  --output DIR           where the image goes (default: CACHE/image)
  --authorized-keys FILE SSH public keys for the admin user (default: a key pair made once in the cache folder,
                         copied to the output as id_pedal and id_pedal.pub)
  --admin-user NAME      the admin login (default: pedal)
  --data-size MIB        the data partition's size in MiB (default: 1024)
  --mirror URL           the Debian mirror (default: \$LP_DEBIAN_MIRROR or http://deb.debian.org/debian)
  --suite NAME           the Debian suite (default: bookworm)
  --rebuild              ignore both caches and build everything again
  --dry-run              print what would be done, the cache keys and whether each stage is cached; change nothing
  -h, --help             this help

Exit status: 0 built (or already cached), 2 bad option or missing tool, 1 a build step failed. Nothing is left
half-written: each stage is built in a temporary folder and renamed into place.
EOF
}

die() { echo "$prog: $*" >&2; exit 2; }
fail() { echo "$prog: $*" >&2; exit 1; }
log() { echo "$prog: $*" >&2; }

cache=${LP_IMAGE_CACHE:-/var/cache/latentplayground-image}
release=""
output=""
keys=""
admin_user=pedal
data_mib=1024
mirror=${LP_DEBIAN_MIRROR:-http://deb.debian.org/debian}
suite=bookworm
rebuild=0
dry_run=0

need_arg() { [[ $# -ge 2 && -n $2 ]] || die "$1 needs a value (see --help)"; }
while [[ $# -gt 0 ]]; do
    case $1 in
        --release) need_arg "$@"; release=$2; shift 2 ;;
        --cache) need_arg "$@"; cache=$2; shift 2 ;;
        --output) need_arg "$@"; output=$2; shift 2 ;;
        --authorized-keys) need_arg "$@"; keys=$2; shift 2 ;;
        --admin-user) need_arg "$@"; admin_user=$2; shift 2 ;;
        --data-size) need_arg "$@"; data_mib=$2; shift 2 ;;
        --mirror) need_arg "$@"; mirror=$2; shift 2 ;;
        --suite) need_arg "$@"; suite=$2; shift 2 ;;
        --rebuild) rebuild=1; shift ;;
        --dry-run) dry_run=1; shift ;;
        -h|--help) usage; exit 0 ;;
        *) die "unknown option \"$1\" (see --help)" ;;
    esac
done
[[ $data_mib =~ ^[0-9]+$ && $data_mib -ge 64 ]] || die "--data-size: \"$data_mib\" is not a whole number of MiB >= 64"
[[ $admin_user =~ ^[a-z_][a-z0-9_-]*$ ]] || die "--admin-user: \"$admin_user\" is not a valid user name"
[[ -z $keys || -s $keys ]] || die "--authorized-keys: $keys is missing or empty"
[[ -z $release || -x $release/latentplayground ]] || die "--release: $release/latentplayground is missing (not a release folder from 'deploy.sh --build-only')"
output=${output:-$cache/image}

sha() { sha256sum | cut -c1-16; }

# Stage 1's key: the package list, suite, mirror and the kernel package.
packages=$(grep -v '^\s*#' "$image_dir/rootfs/packages.txt" | tr -s ' \n' '\n' | sed '/^$/d' | sort -u | tr '\n' ',')
packages="${packages}linux-image-arm64"
initramfs_key=$(cat "$here/initramfs/conf.d/latentplayground" "$here/initramfs/hooks/latentplayground" | sha)
rootfs_key=$(printf '%s\n%s\n%s\n%s\n' "$packages" "$suite" "$mirror" "$initramfs_key" | sha)
rootfs_tar=$cache/rootfs-$rootfs_key.tar

# The release: given, or built by deploy.sh from this checkout (keyed by src/'s tree and uncommitted changes).
if [[ -z $release ]]; then
    src_key=$( { git -C "$repo" rev-parse HEAD:src 2>/dev/null || echo no-git; git -C "$repo" status --porcelain -- src Directory.Build.props hardware 2>/dev/null; git -C "$repo" diff -- src 2>/dev/null; } | sha)
    release=$cache/release-$src_key
    build_release=1
    [[ -x $release/latentplayground ]] && build_release=0
else
    release=$(cd "$release" && pwd)
    build_release=0
fi

image_files_key=$( (cd "$image_dir" && find . -path ./.cache -prune -o -type f ! -name '*.md' -print0 | sort -z | xargs -0 sha256sum) | sha)

if [[ $dry_run -eq 1 ]]; then
    echo "$prog --dry-run: would do this (nothing is changed):"
    echo "  cache folder:   $cache"
    if [[ -f $rootfs_tar && $rebuild -eq 0 ]]; then
        echo "  1. root file system: cached ($rootfs_tar)"
    else
        echo "  1. root file system: mmdebstrap --arch=arm64 --variant=minbase $suite from $mirror, with"
        echo "     image/emulated/initramfs/ (a small initramfs) in place first, installing"
        echo "     ${packages//,/ }"
        echo "     -> $rootfs_tar"
    fi
    if [[ $build_release -eq 1 ]]; then
        echo "  2. release: $repo/deploy.sh --build-only $release (dotnet publish linux-arm64, self-contained, ReadyToRun)"
    else
        echo "  2. release: $release (exists)"
    fi
    echo "  3. image (key from the root file system $rootfs_key, image/ files $image_files_key and the release):"
    echo "     unpack the root file system; run image/rootfs/setup.sh in it (qemu-user chroot) with image/emulated/pedal.json,"
    echo "     snd-aloop loaded at boot, the emulation drop-in; update-initramfs only if overlayroot's hook is missing"
    echo "     data partition: releases/<version> from the release, current -> it, presets (factory), models, state"
    echo "     disk: bootfs FAT32 256 MiB (vmlinuz, initrd.img, cmdline.txt), rootfs ext4, lpdata ext4 $data_mib MiB (MBR)"
    echo "     -> $output/disk.img, vmlinuz, initrd.img, cmdline.txt"
    if [[ -z $keys ]]; then
        echo "  SSH: key pair $cache/id_pedal (made once) for user $admin_user"
    else
        echo "  SSH: $keys for user $admin_user"
    fi
    exit 0
fi

[[ $(id -u) -eq 0 ]] || die "needs root (mmdebstrap, chroot and file ownership in the images)"
for tool in mmdebstrap mkfs.ext4 mkfs.vfat mcopy sfdisk ssh-keygen chroot tar cpio zstd; do
    command -v "$tool" >/dev/null || die "$tool: not installed (run image/install-build-deps.sh)"
done
if [[ $(uname -m) != aarch64 ]]; then
    [[ -e /proc/sys/fs/binfmt_misc/qemu-aarch64 ]] || die "binfmt_misc has no qemu-aarch64 entry: arm64 programs cannot run here (run image/install-build-deps.sh, which installs qemu-user-static and enables it)"
    grep -q enabled /proc/sys/fs/binfmt_misc/qemu-aarch64 || die "binfmt_misc: qemu-aarch64 is disabled (update-binfmts --enable qemu-aarch64)"
fi
mkdir -p "$cache"
work=$(mktemp -d "$cache/work.XXXXXX")
trap 'rm -rf "$work"' EXIT

# Stage 1: the Debian root file system.
if [[ ! -f $rootfs_tar || $rebuild -eq 1 ]]; then
    log "building the root file system with mmdebstrap (arm64, $suite; several minutes under emulation)"
    # The kernel's postinst runs update-initramfs; overlayroot's hook joins it.
    # A small initramfs (image/emulated/initramfs/): in place before the kernel's postinst builds it. ($1 is
    # mmdebstrap's, expanded by the hook's shell.)
    # shellcheck disable=SC2016
    nice -n 10 mmdebstrap --arch=arm64 --variant=minbase --include="$packages" \
        --setup-hook='mkdir -p "$1/etc/initramfs-tools/hooks" "$1/etc/initramfs-tools/conf.d"' \
        --setup-hook="copy-in $here/initramfs/conf.d/latentplayground /etc/initramfs-tools/conf.d/" \
        --setup-hook="copy-in $here/initramfs/hooks/latentplayground /etc/initramfs-tools/hooks/" \
        --aptopt='Acquire::Retries "3"' --dpkgopt='path-exclude=/usr/share/doc/*' \
        --dpkgopt='path-include=/usr/share/doc/*/copyright' --dpkgopt='path-exclude=/usr/share/man/*' \
        --dpkgopt='path-exclude=/usr/share/locale/*' \
        "$suite" "$work/rootfs.tar" "$mirror" || fail "mmdebstrap failed (see above)"
    mv "$work/rootfs.tar" "$rootfs_tar"
    log "root file system: $rootfs_tar ($(du -h "$rootfs_tar" | cut -f1))"
fi

# Stage 2: the release.
if [[ $build_release -eq 1 ]]; then
    log "building the release with deploy.sh --build-only"
    nice -n 10 "$repo/deploy.sh" --build-only "$release" || fail "deploy.sh --build-only $release failed"
fi
release_key=$( (cd "$release" && find . -type f -printf '%P %s\n' | sort; cat RELEASE 2>/dev/null) | sha)

if [[ -z $keys ]]; then
    if [[ ! -f $cache/id_pedal ]]; then
        ssh-keygen -q -t ed25519 -N '' -C "latentplayground-emulated" -f "$work/id_pedal"
        mv "$work/id_pedal.pub" "$cache/id_pedal.pub"
        mv "$work/id_pedal" "$cache/id_pedal"
    fi
    keys=$cache/id_pedal.pub
fi
keys_key=$(sha < "$keys")

image_key=$(printf '%s %s %s %s %s %s\n' "$rootfs_key" "$image_files_key" "$release_key" "$keys_key" "$admin_user" "$data_mib" | sha)
if [[ $rebuild -eq 0 && -f $output/BUILD ]] && grep -qx "image_key=$image_key" "$output/BUILD"; then
    log "image is cached and up to date: $output/disk.img (key $image_key)"
    exit 0
fi

# Stage 3: the image.
root=$work/root
mkdir "$root"
log "unpacking the root file system"
tar -C "$root" -xpf "$rootfs_tar" --numeric-owner
files=/tmp/lp-files
mkdir -p "$root$files"
cp -a "$image_dir/." "$root$files/"
rm -rf "$root$files/.cache"
mkdir -p "$root$files/../hardware"
cp "$repo/hardware/pinmap.json" "$root$files/../hardware/" 2>/dev/null || true
cp "$keys" "$root/tmp/lp-authorized-keys"

# Emulation only: the loopback card, a longer start timeout and a MIDI FIFO (image/emulated/README in image/README.md).
install -D -m 0644 "$here/snd-aloop.conf" "$root/etc/modules-load.d/snd-aloop.conf"
install -D -m 0644 "$here/emulation.conf" "$root/etc/systemd/system/latentplayground.service.d/emulation.conf"
install -D -m 0644 "$here/midi-fifo.conf" "$root/etc/tmpfiles.d/latentplayground-midi.conf"

log "customising the root file system (image/rootfs/setup.sh)"
mount --bind /proc "$root/proc" 2>/dev/null || true
cleanup_root() { umount "$root/proc" 2>/dev/null || true; rm -rf "$work"; }
trap cleanup_root EXIT
LP_FILES=$files LP_ADMIN_USER=$admin_user LP_AUTHORIZED_KEYS=/tmp/lp-authorized-keys \
    LP_PEDAL_JSON=$files/emulated/pedal.json chroot "$root" /bin/bash "$files/rootfs/setup.sh" \
    || fail "image/rootfs/setup.sh failed in the chroot"
# The kernel's initramfs (built by mmdebstrap with image/emulated/initramfs/) needs overlayroot's hook; it reads
# /etc/overlayroot.conf from the root at boot, so a rebuild is needed only if the hook is missing (minutes under
# qemu-user).
initrd_file=$(find "$root/boot" -maxdepth 1 -name 'initrd.img-*' | sort -V | tail -n1)
# (The listing is taken whole: grep -q ending the pipe early would fail it under pipefail.)
initrd_list=$({ zstd -dc "$initrd_file" 2>/dev/null || gzip -dc "$initrd_file" 2>/dev/null; } | cpio -t 2>/dev/null || true)
if grep -q 'scripts/init-bottom/overlayroot' <<<"$initrd_list"; then
    log "the initramfs has overlayroot's hook"
else
    log "rebuilding the initramfs (overlayroot's hook was missing; minutes under qemu-user)"
    nice -n 10 chroot "$root" update-initramfs -u -k all >/dev/null || fail "update-initramfs failed in the chroot"
fi
umount "$root/proc" 2>/dev/null || true
lp_uid=$(chroot "$root" id -u latentplayground)
lp_gid=$(chroot "$root" id -g latentplayground)
rm -rf "${root:?}$files" "$root/tmp/lp-authorized-keys" "$root/tmp/hardware"

# Boot partition: what qemu boots, kept where the Pi keeps its firmware, kernel and cmdline.txt.
out_tmp=$work/out
mkdir "$out_tmp"
kernel=$(find "$root/boot" -maxdepth 1 -name 'vmlinuz-*' | sort -V | tail -n1)
initrd=$(find "$root/boot" -maxdepth 1 -name 'initrd.img-*' | sort -V | tail -n1)
[[ -n $kernel && -n $initrd ]] || fail "no kernel or initramfs in the root file system's /boot"
cp "$kernel" "$out_tmp/vmlinuz"
cp "$initrd" "$out_tmp/initrd.img"
grep -v '^#' "$here/cmdline.txt" | tr -s '\n' ' ' | sed 's/ *$//' > "$out_tmp/cmdline.txt"
mkfs.vfat -F 32 -n bootfs -C "$work/boot.vfat" $((256 * 1024)) >/dev/null
mcopy -i "$work/boot.vfat" "$out_tmp/vmlinuz" "$out_tmp/initrd.img" "$out_tmp/cmdline.txt" ::/

# Data partition: the release, the current link, the factory presets, empty models and state folders.
data=$work/data
version=$(sed -n 's/^version=//p' "$release/RELEASE" 2>/dev/null || true)
version=${version:-initial}
mkdir -p "$data/releases"
cp -a "$release" "$data/releases/$version"
chown -R 0:0 "$data/releases"
ln -s "releases/$version" "$data/current"
mkdir -p "$data/presets" "$data/models" "$data/state"
if [[ -d $release/Assets/presets/factory ]]; then
    cp -a "$release/Assets/presets/factory/." "$data/presets/"
fi
chown -R "$lp_uid:$lp_gid" "$data/presets" "$data/models" "$data/state"

root_mib=$(( $(du -sm "$root" | cut -f1) * 13 / 10 + 256 ))
log "making the file systems (root $root_mib MiB, data $data_mib MiB)"
mkfs.ext4 -q -L rootfs -d "$root" "$work/root.ext4" "${root_mib}M" || fail "mkfs.ext4 of the root failed"
mkfs.ext4 -q -L lpdata -d "$data" "$work/data.ext4" "${data_mib}M" || fail "mkfs.ext4 of the data partition failed"

# The disk: MBR like the Pi's, partitions at 4 MiB boundaries.
boot_start=8192; boot_sectors=$((256 * 2048))
root_start=$((boot_start + boot_sectors)); root_sectors=$((root_mib * 2048))
data_start=$((root_start + root_sectors)); data_sectors=$((data_mib * 2048))
total_mib=$(( (data_start + data_sectors) / 2048 + 4 ))
truncate -s "${total_mib}M" "$out_tmp/disk.img"
sfdisk --quiet "$out_tmp/disk.img" <<EOF || fail "sfdisk failed"
label: dos
start=$boot_start, size=$boot_sectors, type=c
start=$root_start, size=$root_sectors, type=83
start=$data_start, size=$data_sectors, type=83
EOF
dd if="$work/boot.vfat" of="$out_tmp/disk.img" bs=512 seek="$boot_start" conv=notrunc,sparse status=none
dd if="$work/root.ext4" of="$out_tmp/disk.img" bs=512 seek="$root_start" conv=notrunc,sparse status=none
dd if="$work/data.ext4" of="$out_tmp/disk.img" bs=512 seek="$data_start" conv=notrunc,sparse status=none
if [[ $keys == "$cache/id_pedal.pub" ]]; then
    cp "$cache/id_pedal" "$cache/id_pedal.pub" "$out_tmp/"
fi
{
    echo "image_key=$image_key"
    echo "rootfs=$rootfs_tar"
    echo "release=$release"
    echo "version=$version"
    echo "admin_user=$admin_user"
    echo "built=$(date -u +%Y-%m-%dT%H:%M:%SZ)"
    echo "kernel=$(basename "$kernel")"
    echo "root_mib=$root_mib data_mib=$data_mib disk_mib=$total_mib"
} > "$out_tmp/BUILD"
rm -rf "$output.old"
[[ -d $output ]] && mv "$output" "$output.old"
mkdir -p "$(dirname "$output")"
mv "$out_tmp" "$output"
rm -rf "$output.old"
log "image: $output/disk.img ($total_mib MiB; kernel $(basename "$kernel"), release $version)"
