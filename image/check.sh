#!/bin/bash
# The image's quick checks (seconds; no network, no root, no emulator): shellcheck on every script, systemd-analyze
# verify on the unit (with and without the emulation drop-in), every build's --dry-run, and the options' errors.
# CI runs it; the emulated boot test is image/emulated/boot-test.sh.
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
prog=image/check.sh

usage() {
    cat <<EOF
Usage: $prog [--no-systemd]

Runs, from the repository root:
  1. shellcheck on deploy.sh and every *.sh under image/ (and the pi-gen stage's scripts);
  2. systemd-analyze verify on image/latentplayground.service in a scratch root (with a stand-in executable at
     /opt/latentplayground/latentplayground), alone and with image/emulated/emulation.conf as a drop-in;
  3. --dry-run of deploy.sh (build-only and a deploy), image/emulated/build-image.sh, image/pi5/build-pi-image.sh,
     image/emulated/boot-test.sh and image/install-build-deps.sh: each must print its plan and exit 0;
  4. bad options: each script must refuse them with exit 2 and a message naming the option.
Prints one line a check and "image/check.sh: all N checks passed", or the failures and exit 1.

Options:
  --no-systemd   skip step 2 (a machine without systemd-analyze)
  -h, --help     this help
EOF
}

no_systemd=0
while [[ $# -gt 0 ]]; do
    case $1 in
        --no-systemd) no_systemd=1; shift ;;
        -h|--help) usage; exit 0 ;;
        *) echo "$prog: unknown option \"$1\" (see --help)" >&2; exit 2 ;;
    esac
done
cd "$repo"
command -v shellcheck >/dev/null || { echo "$prog: shellcheck: not installed (image/install-build-deps.sh)" >&2; exit 2; }

passed=0
failed=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
check() { # NAME COMMAND...: passes when the command exits 0
    local name=$1; shift
    if "$@" >"$tmp/out" 2>&1; then
        echo "ok    $name"; passed=$((passed + 1))
    else
        echo "FAIL  $name"; sed 's/^/      /' "$tmp/out" | tail -n 20; failed=$((failed + 1))
    fi
}
refuses() { # NAME PATTERN COMMAND...: passes when the command exits 2 and says PATTERN
    local name=$1 pattern=$2 rc=0; shift 2
    "$@" >"$tmp/out" 2>&1 || rc=$?
    if [[ $rc -eq 2 ]] && grep -q -- "$pattern" "$tmp/out"; then
        echo "ok    $name"; passed=$((passed + 1))
    else
        echo "FAIL  $name (exit $rc, wanted 2 and \"$pattern\")"; sed 's/^/      /' "$tmp/out" | tail -n 5; failed=$((failed + 1))
    fi
}

# 1. shellcheck
mapfile -t scripts < <({ echo deploy.sh; find image -name '*.sh' -not -path '*/out/*'; find .ci -name 'image-*'; } | sort)
for s in "${scripts[@]}"; do
    check "shellcheck $s" shellcheck -x -s bash "$s"
done

# 2. systemd-analyze verify
if [[ $no_systemd -eq 0 ]]; then
    root=$tmp/root
    mkdir -p "$root/etc/systemd/system" "$root/opt/latentplayground" "$root/usr/lib/systemd"
    cp -a /lib/systemd/system "$root/usr/lib/systemd/system"
    printf '#!/bin/sh\n' > "$root/opt/latentplayground/latentplayground"
    chmod +x "$root/opt/latentplayground/latentplayground"
    cp image/latentplayground.service "$root/etc/systemd/system/"
    check "systemd-analyze verify image/latentplayground.service" \
        systemd-analyze verify --root="$root" latentplayground.service
    mkdir -p "$root/etc/systemd/system/latentplayground.service.d"
    cp image/emulated/emulation.conf "$root/etc/systemd/system/latentplayground.service.d/"
    check "systemd-analyze verify with image/emulated/emulation.conf" \
        systemd-analyze verify --root="$root" latentplayground.service
fi

# 3. dry runs
ssh-keygen -q -t ed25519 -N '' -C check -f "$tmp/key"
fake=$tmp/release
mkdir -p "$fake"
printf '#!/bin/sh\n' > "$fake/latentplayground"
chmod +x "$fake/latentplayground"
printf 'version=20260101-000000-check\n' > "$fake/RELEASE"
check "deploy.sh --help" ./deploy.sh --help
check "deploy.sh --build-only --dry-run" ./deploy.sh --build-only "$tmp/rel" --dry-run
check "deploy.sh --dry-run HOST" ./deploy.sh --dry-run --user pedal --port 2222 --identity "$tmp/key" --release "$fake" pedal.local
check "image/emulated/build-image.sh --dry-run" image/emulated/build-image.sh --dry-run --release "$fake" --cache "$tmp/cache"
check "image/pi5/build-pi-image.sh --dry-run" image/pi5/build-pi-image.sh --dry-run --authorized-keys "$tmp/key.pub" --hat pisound --release "$fake"
check "image/emulated/boot-test.sh --dry-run" image/emulated/boot-test.sh --dry-run --cache "$tmp/cache"
check "image/install-build-deps.sh --dry-run" image/install-build-deps.sh --dry-run

# 4. bad input
refuses "deploy.sh without HOST" "no HOST" ./deploy.sh
refuses "deploy.sh --port 0" "--port" ./deploy.sh --port 0 pedal.local
refuses "deploy.sh --identity missing" "--identity" ./deploy.sh --identity "$tmp/nope" pedal.local
refuses "deploy.sh --bogus" "unknown option" ./deploy.sh --bogus pedal.local
refuses "build-image.sh --data-size x" "--data-size" image/emulated/build-image.sh --data-size x --dry-run
refuses "build-pi-image.sh without keys" "--authorized-keys" image/pi5/build-pi-image.sh --dry-run
refuses "build-pi-image.sh --hat unknown" "--hat" image/pi5/build-pi-image.sh --dry-run --authorized-keys "$tmp/key.pub" --hat nope
refuses "boot-test.sh --bogus" "unknown option" image/emulated/boot-test.sh --bogus

echo "$prog: $passed checks passed, $failed failed"
[[ $failed -eq 0 ]]
