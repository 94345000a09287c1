#!/bin/bash
# Builds LatentPlayground for the pedal (linux-arm64) and installs it on a pedal over SSH, rolling back if the new
# release does not reach READY. README, "Build the pedal"; image/README.md.
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
prog=deploy.sh

usage() {
    cat <<EOF
Usage: ./deploy.sh [OPTIONS] HOST
       ./deploy.sh --build-only DIR [--dry-run]

Builds a release and installs it on the pedal HOST (a name or address that SSH reaches):
  1. build: dotnet publish src/LatentPlayground -c Release -r linux-arm64 --self-contained
     -p:PublishReadyToRun=true (not trimmed: see image/README.md, "Why not trimmed"), then drops what the
     pedal cannot use: other platforms' native libraries (Windows .dll/.exe that are not .NET assemblies, macOS
     .dylib, runtimes/<other-rid>/). Adds the unit (image/latentplayground.service) and a RELEASE file
     (version, commit, date). The version is UTC date-time plus the commit: 20260105-210000-1a2b3c4.
  2. copy: rsync over SSH into /var/lib/latentplayground/releases/VERSION on the pedal's data partition (first
     as VERSION.partial, renamed when complete; files unchanged since the current release are hard links).
  3. switch: /var/lib/latentplayground/current -> releases/VERSION (an atomic rename; /opt/latentplayground
     points at it). If the release's unit differs from the installed one, it is installed into
     /etc/systemd/system, on the read-only root too (through overlayroot-chroot), and systemd reloaded.
  4. restart latentplayground.service and wait for READY (Type=notify: systemctl returns once the pedal has
     audio running), then watch it for --settle seconds more.
  5. if READY does not come (or the pedal dies while settling): switch back to the previous release, put the
     previous unit back, restart it, wait for its READY, and keep the failed release as VERSION.failed.
  6. keep the newest --keep releases (the current one and the one before always stay).
The SSH user needs sudo without a password (the image's admin user has it), or be root.

Options:
  --user NAME        SSH user (default: pedal, the image's admin user)
  --port N           SSH port (default: 22)
  --identity FILE    SSH private key (default: ssh's own choice: ~/.ssh/id_*, the agent)
  --ssh-option OPT   one more ssh -o option, e.g. --ssh-option StrictHostKeyChecking=no (repeatable)
  --release DIR      install this release folder instead of building one (one that --build-only wrote)
  --build-only DIR   build the release into DIR and stop (no HOST); the image builds use this
  --timeout S        seconds to wait for READY before rolling back (default: 120; the unit's TimeoutStartSec
                     also stops the start, at 60 s on a Pi)
  --settle S         seconds the new release must stay up after READY (default: 5)
  --keep N           releases to keep on the pedal (default: 3, at least 2)
  --dry-run          print every command it would run, run none (no build, no SSH)
  -h, --help         this help

Exit status: 0 deployed and READY; 1 the new release failed and the previous one is running again; 3 the new
release failed and so did the rollback (the pedal needs a look: journalctl -u latentplayground); 2 bad option,
missing tool or a build or copy that failed before anything on the pedal changed.
EOF
}

die() { echo "$prog: $*" >&2; exit 2; }
log() { echo "$prog: $*" >&2; }

user=pedal
port=22
identity=""
ssh_opts=()
release=""
build_only=""
timeout=120
settle=5
keep=3
dry_run=0
host=""

need_arg() { [[ $# -ge 2 && -n $2 ]] || die "$1 needs a value (see --help)"; }
while [[ $# -gt 0 ]]; do
    case $1 in
        --user) need_arg "$@"; user=$2; shift 2 ;;
        --port) need_arg "$@"; port=$2; shift 2 ;;
        --identity) need_arg "$@"; identity=$2; shift 2 ;;
        --ssh-option) need_arg "$@"; ssh_opts+=(-o "$2"); shift 2 ;;
        --release) need_arg "$@"; release=$2; shift 2 ;;
        --build-only) need_arg "$@"; build_only=$2; shift 2 ;;
        --timeout) need_arg "$@"; timeout=$2; shift 2 ;;
        --settle) need_arg "$@"; settle=$2; shift 2 ;;
        --keep) need_arg "$@"; keep=$2; shift 2 ;;
        --dry-run) dry_run=1; shift ;;
        -h|--help) usage; exit 0 ;;
        -*) die "unknown option \"$1\" (see --help)" ;;
        *) [[ -z $host ]] || die "one HOST only (got \"$host\" and \"$1\")"; host=$1; shift ;;
    esac
done
[[ $port =~ ^[0-9]+$ && $port -ge 1 && $port -le 65535 ]] || die "--port: \"$port\" is not a port number (1..65535)"
[[ $timeout =~ ^[0-9]+$ && $timeout -ge 1 ]] || die "--timeout: \"$timeout\" is not a whole number of seconds >= 1"
[[ $settle =~ ^[0-9]+$ ]] || die "--settle: \"$settle\" is not a whole number of seconds"
[[ $keep =~ ^[0-9]+$ && $keep -ge 2 ]] || die "--keep: \"$keep\" is not a whole number >= 2"
[[ $user =~ ^[a-z_][a-z0-9_-]*$ ]] || die "--user: \"$user\" is not a user name"
[[ -z $identity || -r $identity ]] || die "--identity: $identity does not exist or cannot be read"
if [[ -n $build_only ]]; then
    [[ -z $host && -z $release ]] || die "--build-only DIR takes no HOST and no --release"
else
    [[ -n $host ]] || die "no HOST given (see --help)"
    [[ $host =~ ^[A-Za-z0-9._:@%-]+$ ]] || die "HOST: \"$host\" is not a host name or address"
fi
[[ -z $release || -x $release/latentplayground ]] || die "--release: $release/latentplayground is missing (not a release folder from --build-only)"

run() {
    if [[ $dry_run -eq 1 ]]; then
        printf '+'; printf ' %q' "$@"; printf '\n'
    else
        "$@"
    fi
}

# --- 1. build ------------------------------------------------------------------------------------------------
publish_args=(publish "$repo/src/LatentPlayground" -c Release -r linux-arm64 --self-contained
              -p:PublishReadyToRun=true -p:DebugType=portable)

# Drops other platforms' native libraries from a publish folder: PE files that are not .NET assemblies
# (onnxruntime.dll and friends), macOS dylibs, and runtimes/ folders of other RIDs.
prune_release() {
    local dir=$1 f
    if [[ -d $dir/runtimes ]]; then
        find "$dir/runtimes" -mindepth 1 -maxdepth 1 -type d ! -name linux-arm64 -exec rm -rf {} +
    fi
    while IFS= read -r -d '' f; do
        if [[ $(head -c2 "$f") == MZ ]] && ! grep -q -a 'BSJB' "$f"; then
            log "dropped ${f#"$dir"/} (a Windows native library)"
            rm -f "$f"
        fi
    done < <(find "$dir" -type f \( -iname '*.dll' -o -iname '*.exe' \) -print0)
    find "$dir" -type f \( -name '*.dylib' -o -name '*.a' -o -name '*.lib' \) -print -delete | sed "s|^|$prog: dropped |" >&2
    # Anything native left must be an ELF for arm64 (aarch64).
    while IFS= read -r -d '' f; do
        if [[ $(head -c4 "$f" | od -An -tx1 | tr -d ' \n') == 7f454c46 ]]; then
            # e_machine at offset 18: 0xb7 0x00 is AArch64.
            [[ $(od -An -tx1 -j18 -N2 "$f" | tr -d ' \n') == b700 ]] \
                || { log "dropped ${f#"$dir"/} (an ELF for another machine)"; rm -f "$f"; }
        fi
    done < <(find "$dir" -type f \( -name '*.so' -o -name '*.so.*' -o -name latentplayground -o -name createdump \) -print0)
}

build_release() {
    local out=$1 tmp version commit
    command -v dotnet >/dev/null || die "dotnet: not installed (the .NET 10 SDK builds the release)"
    commit=$(git -C "$repo" rev-parse --short=7 HEAD 2>/dev/null || echo nogit)
    if [[ -n $(git -C "$repo" status --porcelain -- src 2>/dev/null) ]]; then commit=$commit-dirty; fi
    version=$(date -u +%Y%m%d-%H%M%S)-$commit
    if [[ $dry_run -eq 1 ]]; then
        run dotnet "${publish_args[@]}" -o "$out.tmp"
        echo "+ (drop other platforms' native libraries from $out.tmp; add the unit and RELEASE version=$version)"
        run mv "$out.tmp" "$out"
        return
    fi
    [[ ! -e $out ]] || die "--build-only: $out already exists (choose a new folder)"
    tmp=$(mktemp -d "$(dirname "$out")/.release.XXXXXX")
    log "building release $version (dotnet publish linux-arm64, self-contained, ReadyToRun)"
    if ! dotnet "${publish_args[@]}" -o "$tmp" >"$tmp.log" 2>&1; then
        tail -n 30 "$tmp.log" >&2
        rm -rf "$tmp" "$tmp.log"
        die "dotnet publish failed (above)"
    fi
    rm -f "$tmp.log"
    prune_release "$tmp"
    [[ -x $tmp/latentplayground && -f $tmp/libonnxruntime.so ]] \
        || { rm -rf "$tmp"; die "publish output in $tmp lacks latentplayground or libonnxruntime.so"; }
    install -m 0644 "$repo/image/latentplayground.service" "$tmp/latentplayground.service"
    printf 'version=%s\ncommit=%s\nbuilt=%s\nruntime=linux-arm64 self-contained ReadyToRun, not trimmed\n' \
        "$version" "$commit" "$(date -u +%Y-%m-%dT%H:%M:%SZ)" > "$tmp/RELEASE"
    chmod 0755 "$tmp"
    mv "$tmp" "$out"
    log "release $version: $out ($(du -sh "$out" | cut -f1))"
}

if [[ -n $build_only ]]; then
    build_release "$build_only"
    exit 0
fi

# --- 2.-6. install on HOST -----------------------------------------------------------------------------------
for tool in ssh rsync; do command -v "$tool" >/dev/null || die "$tool: not installed"; done
ssh_cmd=(ssh -p "$port" -o BatchMode=yes -o ConnectTimeout=10 -o ServerAliveInterval=5)
[[ -n $identity ]] && ssh_cmd+=(-i "$identity" -o IdentitiesOnly=yes)
[[ ${#ssh_opts[@]} -gt 0 ]] && ssh_cmd+=("${ssh_opts[@]}")
target=$user@$host
sudo=sudo
[[ $user == root ]] && sudo=""

workdir=""
cleanup() { [[ -n $workdir ]] && rm -rf "$workdir"; return 0; }
trap cleanup EXIT
if [[ -z $release ]]; then
    if [[ $dry_run -eq 1 ]]; then
        release="<build folder>/release"
        build_release "$release"
    else
        workdir=$(mktemp -d "${TMPDIR:-/tmp}/lp-deploy.XXXXXX")
        release=$workdir/release
        build_release "$release"
    fi
fi
if [[ $dry_run -eq 1 && ! -f $release/RELEASE ]]; then
    version="<version>"
else
    version=$(sed -n 's/^version=//p' "$release/RELEASE" 2>/dev/null || true)
    [[ -n $version ]] || version=$(date -u +%Y%m%d-%H%M%S)-unversioned
    [[ $version =~ ^[A-Za-z0-9._-]+$ ]] || die "$release/RELEASE: version \"$version\" has characters a folder name should not"
fi

base=/var/lib/latentplayground
rsync_ssh=$(printf '%q ' "${ssh_cmd[@]}")
rsync_path="rsync"
[[ -n $sudo ]] && rsync_path="sudo rsync"

# The pedal-side steps, run as one script over SSH: switch, unit, restart, wait, roll back, prune.
remote_script() {
    cat <<'REMOTE'
set -euo pipefail
base=$1 version=$2 timeout=$3 settle=$4 keep=$5
say() { echo "pedal: $*" >&2; }
cd "$base"
[[ -d releases/$version ]] || { say "$base/releases/$version is missing"; exit 2; }
prev=$(readlink current 2>/dev/null || true)
unit=/etc/systemd/system/latentplayground.service

install_unit() { # $1: a unit file to install, persistently on an overlayroot root too
    local src=$1
    cmp -s "$src" "$unit" && return 0
    install -m 0644 "$src" "$unit.new" && mv "$unit.new" "$unit"
    if [[ -d /media/root-ro/etc/systemd/system ]] && command -v overlayroot-chroot >/dev/null; then
        overlayroot-chroot install -m 0644 "$src" "$unit" >/dev/null 2>&1 \
            || say "could not write the unit to the read-only root (overlayroot-chroot); it holds until the next boot"
    fi
    systemctl daemon-reload
    say "unit installed from $src"
}
switch_to() { ln -sfn "$1" current.new && mv -T current.new current; }
start_and_wait() { # READY within timeout, then still up (no restart) after settle seconds
    local n0 n1
    systemctl reset-failed latentplayground.service 2>/dev/null || true
    if ! timeout "$timeout" systemctl restart latentplayground.service; then
        return 1
    fi
    n0=$(systemctl show -p NRestarts --value latentplayground.service)
    sleep "$settle"
    n1=$(systemctl show -p NRestarts --value latentplayground.service)
    [[ $(systemctl is-active latentplayground.service) == active && $n0 == "$n1" ]]
}

cp -a "$unit" "$base/.unit.before" 2>/dev/null || true
switch_to "releases/$version"
say "current -> releases/$version (was ${prev:-none})"
[[ -f releases/$version/latentplayground.service ]] && install_unit "releases/$version/latentplayground.service"
t0=$(date +%s)
if start_and_wait; then
    say "READY: releases/$version is playing ($(( $(date +%s) - t0 )) s to READY and settled)"
    rc=0
else
    say "releases/$version did not reach READY within ${timeout}s or died while settling; its log:"
    journalctl -u latentplayground.service -n 15 --no-pager -o cat >&2 || true
    rc=1
    if [[ -n $prev && -d $prev ]]; then
        switch_to "$prev"
        [[ -f $base/.unit.before ]] && install_unit "$base/.unit.before"
        say "rolled back: current -> $prev"
        rm -rf "releases/$version.failed"
        mv "releases/$version" "releases/$version.failed"
        if start_and_wait; then
            say "READY again on $prev"
        else
            say "the previous release $prev did not reach READY either"
            rc=3
        fi
    else
        say "no previous release to roll back to"
        rc=3
    fi
fi
rm -f "$base/.unit.before"
# Keep the newest $keep releases; never the current one or the one before.
cur=$(readlink current)
mapfile -t old < <(find releases -mindepth 1 -maxdepth 1 -type d ! -name '*.partial' -printf '%T@ %p\n' | sort -rn | cut -d' ' -f2- | tail -n +"$((keep + 1))")
for d in "${old[@]}"; do
    [[ $d == "$cur" || $d == "$prev" ]] && continue
    rm -rf "$d" && say "removed old $d"
done
sync
exit "$rc"
REMOTE
}

log "deploying $version to $target:$base/releases/$version"
run "${ssh_cmd[@]}" "$target" "$sudo mkdir -p $base/releases && $sudo rm -rf $base/releases/$version.partial"
run rsync -a --delete --link-dest="../../current/" -e "$rsync_ssh" --rsync-path="$rsync_path" \
    "$release/" "$target:$base/releases/$version.partial/"
run "${ssh_cmd[@]}" "$target" "$sudo rm -rf $base/releases/$version && $sudo mv $base/releases/$version.partial $base/releases/$version && $sudo chown -R root:root $base/releases/$version && sync"
if [[ $dry_run -eq 1 ]]; then
    echo "+ ${ssh_cmd[*]} $target $sudo bash -s -- $base $version $timeout $settle $keep   # the pedal-side script:"
    remote_script | sed 's/^/    | /'
    exit 0
fi
set +e
remote_script | "${ssh_cmd[@]}" "$target" "$sudo bash -s -- $base $version $timeout $settle $keep"
rc=$?
set -e
case $rc in
    0) log "deployed $version: READY on $host" ;;
    1) log "$version did not reach READY on $host: rolled back to the previous release, which is playing"; exit 1 ;;
    *) log "$version failed on $host and the rollback did too (exit $rc): see journalctl -u latentplayground on the pedal"; exit 3 ;;
esac
