#!/bin/bash
# The emulated pedal's boot test: boots the image from build-image.sh in qemu-system-aarch64 (machine virt, an
# emulated Cortex-A76, snd-aloop as the sound card) and checks that it boots into sound. README, "Build the pedal";
# image/README.md, "The emulated boot test".
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/../.." && pwd)
prog=image/emulated/boot-test.sh

usage() {
    cat <<EOF
Usage: $prog [OPTIONS]

Builds the emulated image if needed (build-image.sh, cached), then on a throwaway copy-on-write layer over it:
  boot      qemu-system-aarch64 -M virt -cpu cortex-a76 -smp 4 (TCG, -icount: the guest's clock counts emulated
            instructions, see --icount), Debian's arm64 kernel, snd-aloop
  1. READY        latentplayground.service reached READY (Type=notify: active/running); boot-to-sound time from
                  the kernel's start (guest clock) and from qemu's start (host clock), and where the time went
                  (systemd-analyze, critical chain)
  2. read-only    / is an overlay over the SD card's root mounted read-only at /media/root-ro (a write to it
                  fails); the data partition is ext4, read-write, at /var/lib/latentplayground, checked by fsck
  3. sound        aplay plays a known WAV (envelope.py make: the release's demo riff in pieces at set gains with
                  silences, 12 s) into hw:Loopback,0,0 (the pedal's capture) while arecord records hw:Loopback,1,1
                  (the pedal's playback); on this machine the recording's envelope must follow the input's
                  (correlation >= --min-correlation at the best lag) and the recording must not be the dry
                  signal alone (waveform correlation with the input below 0.99 at every lag); the pedal's late
                  hops and xruns from the journal are reported
  4. watchdog     kill -9 of the pedal: systemd restarts it and it is READY again (a new PID); SIGSTOP: the
                  watchdog (WatchdogSec=5) kills and restarts it
  5. power cut    MIDI into the pedal's FIFO input (CC 81 moves speed, CC 80 fires save-preset: both learned in
                  settings.json), the preset file changes on the data partition, then "quit" in the qemu monitor
                  (a hard power-off, no shutdown); after the next boot the saved preset holds the new value
  6. deploy       (unless --skip-deploy) deploy.sh of a release (a copy of the installed one under a new version)
                  reaches READY; deploy.sh of a broken release (its program exits 1) rolls back and the previous
                  release plays again
Every figure goes to the log folder's figures.txt and the end of the output. Budget: --timeout seconds in all.

Options:
  --cache DIR          the image cache (default: \$LP_IMAGE_CACHE or /var/cache/latentplayground-image)
  --image DIR          a built image folder (default: CACHE/image)
  --no-build           do not run build-image.sh first (the image must exist)
  --smp N              emulated cores (default: 4, as a Pi 5)
  --icount SHIFT|off   the guest's clock (default: 0). A number: qemu's -icount shift=SHIFT,sleep=off, so the
                       guest's time advances 2^SHIFT ns per emulated instruction (0: a 1 GHz in-order machine,
                       whatever the host's speed or load) and the model keeps up in the guest's time; all cores
                       run in one host thread. off: multi-threaded TCG on the host's clock, where the emulated
                       CPU runs the model about 2x slower than real time on this 2-core machine (skipped hops,
                       the wet path fades to dry: the sound check fails)
  --memory MIB         memory (default: 2048)
  --timeout S          the whole test's time budget (default: 1800); exceeded: exit 1
  --boot-timeout S     seconds to wait for SSH and for READY after each boot (default: 600)
  --min-correlation X  the envelope correlation required (default: 0.6)
  --skip-deploy        skip step 6
  --logs DIR           where serial logs, journals, WAVs and figures go (default: CACHE/boot-test-<date>)
  --dry-run            print the plan and the qemu command; run nothing
  -h, --help           this help

Exit status: 0 every check passed; 1 a check failed (each failure is one line naming the check); 2 bad option or
missing tool.
EOF
}

die() { echo "$prog: $*" >&2; exit 2; }
log() { echo "$prog: [$(date -u +%H:%M:%S)] $*" >&2; }

cache=${LP_IMAGE_CACHE:-/var/cache/latentplayground-image}
image=""
build=1
smp=4
icount=0
memory=2048
budget=1800
boot_timeout=600
min_corr=0.6
skip_deploy=0
logs=""
dry_run=0

need_arg() { [[ $# -ge 2 && -n $2 ]] || die "$1 needs a value (see --help)"; }
while [[ $# -gt 0 ]]; do
    case $1 in
        --cache) need_arg "$@"; cache=$2; shift 2 ;;
        --image) need_arg "$@"; image=$2; shift 2 ;;
        --no-build) build=0; shift ;;
        --smp) need_arg "$@"; smp=$2; shift 2 ;;
        --icount) need_arg "$@"; icount=$2; shift 2 ;;
        --memory) need_arg "$@"; memory=$2; shift 2 ;;
        --timeout) need_arg "$@"; budget=$2; shift 2 ;;
        --boot-timeout) need_arg "$@"; boot_timeout=$2; shift 2 ;;
        --min-correlation) need_arg "$@"; min_corr=$2; shift 2 ;;
        --skip-deploy) skip_deploy=1; shift ;;
        --logs) need_arg "$@"; logs=$2; shift 2 ;;
        --dry-run) dry_run=1; shift ;;
        -h|--help) usage; exit 0 ;;
        *) die "unknown option \"$1\" (see --help)" ;;
    esac
done
[[ $smp =~ ^[0-9]+$ && $smp -ge 1 && $smp -le 8 ]] || die "--smp: \"$smp\" is not a number of cores 1..8"
[[ $icount == off || $icount =~ ^[0-9]$ ]] || die "--icount: \"$icount\" is not off or a shift 0..9"
[[ $memory =~ ^[0-9]+$ && $memory -ge 512 ]] || die "--memory: \"$memory\" is not a number of MiB >= 512"
[[ $budget =~ ^[0-9]+$ && $budget -ge 60 ]] || die "--timeout: \"$budget\" is not a number of seconds >= 60"
[[ $boot_timeout =~ ^[0-9]+$ && $boot_timeout -ge 10 ]] || die "--boot-timeout: \"$boot_timeout\" is not a number of seconds >= 10"
[[ $min_corr =~ ^0?\.[0-9]+$|^1(\.0*)?$ ]] || die "--min-correlation: \"$min_corr\" is not a number in 0..1"
image=${image:-$cache/image}
logs=${logs:-$cache/boot-test-$(date -u +%Y%m%d-%H%M%S)}

qemu_cmd() { # the qemu command line for run folder $1 and SSH port $2
    local run=$1 port=$2
    local accel=(-accel "tcg,thread=multi")
    [[ $icount != off ]] && accel=(-accel "tcg,thread=single" -icount "shift=$icount,sleep=off")
    printf '%s\n' qemu-system-aarch64 -M virt -cpu cortex-a76 -smp "$smp" -m "$memory" "${accel[@]}" \
        -kernel "$image/vmlinuz" -initrd "$image/initrd.img" -append "$(cat "$image/cmdline.txt" 2>/dev/null || echo '<cmdline.txt>')" \
        -drive "file=$run/disk.qcow2,if=none,id=sd,format=qcow2,cache=writeback" -device virtio-blk-pci,drive=sd \
        -netdev "user,id=net,hostfwd=tcp:127.0.0.1:$port-:22" -device virtio-net-pci,netdev=net,romfile= \
        -device virtio-rng-pci -display none -no-reboot \
        -monitor "unix:$run/monitor.sock,server,nowait"
}

if [[ $dry_run -eq 1 ]]; then
    echo "$prog --dry-run: would do this (nothing is run):"
    [[ $build -eq 1 ]] && echo "  $here/build-image.sh --cache $cache --output $image   (cached: seconds when nothing changed)"
    echo "  qemu-img create -f qcow2 -b $image/disk.img -F raw <logs>/disk.qcow2"
    echo "  boot: $(qemu_cmd '<logs>' '<port>' | tr '\n' ' ') -serial file:<logs>/serial-N.log"
    echo "  checks: READY and boot-to-sound time; read-only root; sound (aplay/arecord, envelope correlation >= $min_corr,"
    echo "          not dry only, late hops); kill -9 and SIGSTOP restarts; preset saved by MIDI survives 'quit';"
    [[ $skip_deploy -eq 0 ]] && echo "          deploy.sh of a release (READY) and of a broken one (rolled back)"
    echo "  logs and figures: $logs; budget ${budget}s"
    exit 0
fi

for tool in qemu-system-aarch64 qemu-img ssh scp socat; do
    command -v "$tool" >/dev/null || die "$tool: not installed (image/install-build-deps.sh)"
done
# Debian's python3 (python3-numpy), not a pyenv or venv one that lacks numpy.
py=/usr/bin/python3
[[ -x $py ]] || py=python3
"$py" -c 'import numpy' 2>/dev/null || die "python3-numpy: not installed for $py (image/install-build-deps.sh)"

start_s=$(date +%s)
deadline=$((start_s + budget))
mkdir -p "$logs"
figures=$logs/figures.txt
: > "$figures"
figure() { echo "$*" | tee -a "$figures" >&2; }
failures=()
fail_check() { failures+=("$1"); echo "$prog: FAIL: $1" >&2; }
pass_check() { echo "$prog: ok: $1" >&2; }
left() { echo $((deadline - $(date +%s))); }
over_budget() { [[ $(left) -le 0 ]]; }

if [[ $build -eq 1 ]]; then
    log "building the image (cached when nothing changed)"
    "$here/build-image.sh" --cache "$cache" --output "$image" || die "build-image.sh failed"
fi
[[ -f $image/disk.img && -f $image/vmlinuz && -f $image/id_pedal ]] || die "$image: no disk.img, vmlinuz or id_pedal (build it with build-image.sh)"
admin=$(sed -n 's/^admin_user=//p' "$image/BUILD")
release_version=$(sed -n 's/^version=//p' "$image/BUILD")
build_s=$(( $(date +%s) - start_s ))
figure "image build (cached or not): ${build_s} s"

run=$logs
qemu-img create -q -f qcow2 -b "$image/disk.img" -F raw "$run/disk.qcow2"
cp "$image/id_pedal" "$run/id_pedal"
chmod 600 "$run/id_pedal"
port=$("$py" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
ssh_opts=(-p "$port" -i "$run/id_pedal" -o IdentitiesOnly=yes -o BatchMode=yes -o StrictHostKeyChecking=no
          -o UserKnownHostsFile=/dev/null -o LogLevel=ERROR -o ConnectTimeout=30)
# The commands are meant to be expanded here and run there.
# shellcheck disable=SC2029
g() { ssh "${ssh_opts[@]}" "$admin@127.0.0.1" "$@"; }
qemu_pid=""
boot_n=0
stop_qemu() {
    if [[ -n $qemu_pid ]] && kill -0 "$qemu_pid" 2>/dev/null; then
        echo quit | socat - "UNIX-CONNECT:$run/monitor.sock" >/dev/null 2>&1 || true
        sleep 1
        kill "$qemu_pid" 2>/dev/null || true
        wait "$qemu_pid" 2>/dev/null || true
    fi
    qemu_pid=""
}
trap 'stop_qemu' EXIT

boot() { # starts qemu, waits for SSH and READY; sets boot_host_s
    boot_n=$((boot_n + 1))
    local t0 mapfile_cmd
    mapfile -t mapfile_cmd < <(qemu_cmd "$run" "$port")
    rm -f "$run/monitor.sock"
    t0=$(date +%s.%N)
    nice -n 10 "${mapfile_cmd[@]}" -serial "file:$run/serial-$boot_n.log" &
    qemu_pid=$!
    log "boot $boot_n: qemu pid $qemu_pid, SSH on 127.0.0.1:$port"
    local until=$(( $(date +%s) + boot_timeout ))
    until g true 2>/dev/null; do
        kill -0 "$qemu_pid" 2>/dev/null || { tail -n 30 "$run/serial-$boot_n.log" >&2; return 1; }
        [[ $(date +%s) -lt $until ]] || { log "no SSH after ${boot_timeout}s"; tail -n 30 "$run/serial-$boot_n.log" >&2; return 1; }
        sleep 2
    done
    ssh_host_s=$("$py" -c "import time; print(f'{time.time() - $t0:.1f}')")
    log "boot $boot_n: SSH up after ${ssh_host_s}s (host clock)"
    until [[ $(g systemctl show -p ActiveState --value latentplayground.service) == active ]]; do
        [[ $(date +%s) -lt $until ]] || { log "latentplayground not READY after ${boot_timeout}s"; g sudo journalctl -u latentplayground -n 30 --no-pager >&2 || true; return 1; }
        sleep 1
    done
    boot_host_s=$("$py" -c "import time; print(f'{time.time() - $t0:.1f}')")
    log "boot $boot_n: READY after ${boot_host_s}s (host clock, from qemu's start)"
}
wait_ready_new_pid() { # $1: old PID; waits for an active service with another PID; prints seconds
    local old=$1 t0 until pid
    t0=$(date +%s.%N); until=$(( $(date +%s) + boot_timeout ))
    while :; do
        pid=$(g systemctl show -p MainPID --value latentplayground.service)
        if [[ $pid != 0 && $pid != "$old" && $(g systemctl show -p ActiveState --value latentplayground.service) == active ]]; then
            "$py" -c "import time; print(f'{time.time() - $t0:.1f}')"; return 0
        fi
        [[ $(date +%s) -lt $until ]] || return 1
        sleep 1
    done
}

guest_span() { # guest seconds from the last journal line matching $1 to the "Started" line after it
    g sudo journalctl -b -u latentplayground -o short-monotonic --no-pager | awk -v pat="$1" '
        { t = $1; gsub(/[][]/, "", t); if (t == "") { t = $2; gsub(/[][]/, "", t) } }
        index($0, pat) { start = t; done = 0 }
        start != "" && !done && /Started latentplayground/ { span = t - start; done = 1 }
        END { if (span != "") printf "%.1f", span; else printf "?" }'
}

# ---------------------------------------------------------------------------------------------------------------
log "boot 1 (budget ${budget}s)"
if ! boot; then
    fail_check "boot 1: SSH or READY did not come"
    echo "$prog: ${#failures[@]} check(s) failed: ${failures[*]}" >&2
    exit 1
fi

# 1. READY and where the time went
state=$(g systemctl show -p Type -p ActiveState -p SubState -p StatusText latentplayground.service | tr '\n' ' ')
if [[ $state == *Type=notify* && $state == *ActiveState=active* && $state == *SubState=running* ]]; then
    pass_check "READY ($state)"
else
    fail_check "READY: $state"
fi
ready_mono=$(g sudo journalctl -b -u latentplayground -o short-monotonic --no-pager | grep -m1 'Started latentplayground' | sed 's/^\[ *\([0-9.]*\)\].*/\1/' || true)
figure "boot to sound (emulated, guest clock, kernel start to READY): ${ready_mono:-?} s"
figure "boot to sound (emulated, host clock, qemu start to READY): ${boot_host_s} s; SSH up at ${ssh_host_s} s"
g systemd-analyze > "$run/systemd-analyze.txt" 2>&1 || true
g systemd-analyze critical-chain latentplayground.service > "$run/critical-chain.txt" 2>&1 || true
g systemd-analyze blame > "$run/blame.txt" 2>&1 || true
figure "systemd-analyze: $(head -n1 "$run/systemd-analyze.txt")"
start_line=$(g sudo journalctl -b -u latentplayground -o short-monotonic --no-pager | grep -m1 'Starting latentplayground' | sed 's/^\[ *\([0-9.]*\)\].*/\1/' || true)
figure "latentplayground: started at ${start_line:-?} s, READY at ${ready_mono:-?} s (guest clock): the program's own start"

# 2. read-only root, data partition
root_fs=$(g findmnt -no FSTYPE /)
lower=$(g findmnt -no OPTIONS /media/root-ro 2>/dev/null || true)
if [[ $root_fs == overlay && $lower == ro,* ]] && ! g sudo touch /media/root-ro/lp-write-test 2>/dev/null; then
    pass_check "read-only root (/ is $root_fs; /media/root-ro is $lower; writing to it fails)"
else
    fail_check "read-only root: / is $root_fs, /media/root-ro options \"$lower\""
fi
data=$(g findmnt -no FSTYPE /var/lib/latentplayground || true)
data_opts=$(g findmnt -no OPTIONS /var/lib/latentplayground || true)
data="$data $data_opts"
fsck=$(g sudo journalctl -b --no-pager -o cat -u 'systemd-fsck@*' 2>/dev/null | tr '\n' ' ' | cut -c1-200)
if [[ $data == "ext4 rw,"* ]]; then
    pass_check "data partition: $data; fsck: ${fsck:-(no output)}"
else
    fail_check "data partition: \"$data\""
fi

# 3. sound
log "sound: aplay the demo riff into the loopback, arecord the pedal"
"$py" "$here/envelope.py" make "$(sed -n 's/^release=//p' "$image/BUILD")/Assets/demo/guitar-riff.wav" "$run/in.wav" >&2
scp_opts=(-q -P "$port" -i "$run/id_pedal" -o IdentitiesOnly=yes -o BatchMode=yes -o StrictHostKeyChecking=no
          -o UserKnownHostsFile=/dev/null -o LogLevel=ERROR)
scp "${scp_opts[@]}" "$run/in.wav" "$admin@127.0.0.1:/tmp/in.wav" || fail_check "sound: could not copy the WAV in"
g "arecord -q -D plughw:Loopback,1,1 -f S16_LE -r 48000 -c 1 -d 15 /tmp/out.wav & sleep 1; aplay -q -D plughw:Loopback,0,0 /tmp/in.wav; wait" \
    || fail_check "sound: aplay or arecord failed"
scp "${scp_opts[@]}" "$admin@127.0.0.1:/tmp/out.wav" "$run/" || fail_check "sound: could not copy the recording back"
if [[ -f $run/out.wav ]]; then
    if "$py" "$here/envelope.py" compare "$run/in.wav" "$run/out.wav" "$min_corr" > "$run/sound.txt"; then
        pass_check "sound: $(tr '\n' ' ' < "$run/sound.txt")"
    else
        fail_check "sound: $(tr '\n' ' ' < "$run/sound.txt")"
    fi
    figure "sound: $(tr '\n' ' ' < "$run/sound.txt")"
fi
sleep 11   # one status line (status_interval_s 10 in the emulated config)
g sudo journalctl -b -u latentplayground --no-pager -o cat > "$run/journal-1.txt" || true
figure "pedal's counters since its start, last status line: $(grep '^status:' "$run/journal-1.txt" | tail -n 1)"
figure "pedal's log, late-hop, skipped-hop and xrun lines: $(grep -v '^status:' "$run/journal-1.txt" | grep -ci 'late hop\|skipped\|xrun' || true)"

# 4. kill -9 and the watchdog
pid=$(g systemctl show -p MainPID --value latentplayground.service)
n0=$(g systemctl show -p NRestarts --value latentplayground.service)
g sudo kill -9 "$pid"
if t=$(wait_ready_new_pid "$pid"); then
    pass_check "kill -9: restarted and READY again in ${t}s (NRestarts $n0 -> $(g systemctl show -p NRestarts --value latentplayground.service))"
    figure "restart after kill -9 to READY (emulated): ${t} s host clock; $(guest_span 'status=9/KILL') s guest clock"
else
    fail_check "kill -9: no READY with a new PID within ${boot_timeout}s"
fi
pid=$(g systemctl show -p MainPID --value latentplayground.service)
g sudo kill -STOP "$pid"
if t=$(wait_ready_new_pid "$pid"); then
    if g sudo journalctl -b -u latentplayground --no-pager -o cat | grep -qi 'watchdog timeout'; then
        pass_check "watchdog: a stopped pedal was killed on the watchdog timeout and READY again ${t}s after SIGSTOP"
    else
        fail_check "watchdog: restarted, but the journal has no watchdog timeout"
    fi
    figure "SIGSTOP to READY again via the watchdog (emulated): ${t} s host clock; watchdog timeout to READY $(guest_span 'Watchdog timeout') s guest clock"
else
    fail_check "watchdog: no restart within ${boot_timeout}s of SIGSTOP"
fi

# 5. a preset saved through the running pedal survives a power cut
log "power cut: learn CC 80 = save-preset and CC 81 = speed in settings.json, restart, send MIDI"
g sudo systemctl stop latentplayground.service
last=$(g sudo cat /var/lib/latentplayground/state/settings.json 2>/dev/null | sed -n 's/.*"last_preset": *"\([^"]*\)".*/\1/p' || true)
last=${last:-$(g ls /var/lib/latentplayground/presets | grep -m1 '\.json$')}
printf '{ "schema": 1, "last_preset": "%s", "midi_learned": { "80": "action:save-preset", "81": "speed" } }\n' "$last" \
    | g sudo tee /var/lib/latentplayground/state/settings.json >/dev/null
g sudo chown latentplayground:audio /var/lib/latentplayground/state/settings.json
g sudo systemctl start latentplayground.service || fail_check "power cut: the pedal did not start with the learned CCs"
before=$(g sudo cat "/var/lib/latentplayground/presets/$last")
# CC 81 = 127 (speed to its maximum, 1000), then CC 80 rising through 64 (save-preset), on channel 1.
# One writer for the whole sequence: the pedal's reader takes a writer's close as the input going away.
g "timeout 60 bash -c \"{ sleep 2; printf '\\\\xb0\\\\x51\\\\x7f'; sleep 2; printf '\\\\xb0\\\\x50\\\\x00\\\\xb0\\\\x50\\\\x7f'; sleep 3; } > /run/latentplayground-midi/in.fifo\"" \
    || fail_check "power cut: could not write MIDI into /run/latentplayground-midi/in.fifo (no reader?)"
saved=""
for _ in $(seq 1 20); do
    after=$(g sudo cat "/var/lib/latentplayground/presets/$last")
    if [[ $after != "$before" ]]; then saved=1; break; fi
    sleep 1
done
if [[ -n $saved ]]; then
    pass_check "preset $last saved through MIDI: $(echo "$after" | tr -s ' \n' ' ' | cut -c1-160)"
else
    fail_check "preset $last did not change within 20 s of the save-preset CC"
    g sudo journalctl -b -u latentplayground -n 20 --no-pager -o cat >&2 || true
fi
log "power cut: quit in the qemu monitor"
echo quit | socat - "UNIX-CONNECT:$run/monitor.sock" >/dev/null 2>&1 || true
wait "$qemu_pid" 2>/dev/null || true
qemu_pid=""
if ! boot; then
    fail_check "boot 2 (after the power cut): SSH or READY did not come"
else
    figure "boot to sound after the power cut (host clock): ${boot_host_s} s"
    now=$(g sudo cat "/var/lib/latentplayground/presets/$last")
    if [[ -n $saved && $now == "$after" ]] && grep -q '"speed": *1000' <<<"$now"; then
        pass_check "power cut: the saved preset survived (speed 1000 in $last)"
    else
        fail_check "power cut: $last after the reboot is not the saved one: $(echo "$now" | tr -s ' \n' ' ' | cut -c1-160)"
    fi
    fsck2=$(g sudo journalctl -b --no-pager -o cat -u 'systemd-fsck@*' 2>/dev/null | tr '\n' ' ' | cut -c1-200)
    figure "data partition check after the power cut: ${fsck2:-(no output)}"
fi

# 6. deploy.sh against the emulated pedal
if [[ $skip_deploy -eq 0 && -n $qemu_pid ]] && ! over_budget; then
    rel=$run/deploy-good
    rm -rf "$rel" "$run/deploy-broken"
    release_dir=$(sed -n 's/^release=//p' "$image/BUILD")
    cp -a "$release_dir" "$rel"
    sed -i "s/^version=.*/version=${release_version}-redeploy/" "$rel/RELEASE"
    dargs=(--user "$admin" --port "$port" --identity "$run/id_pedal" --ssh-option StrictHostKeyChecking=no
           --ssh-option UserKnownHostsFile=/dev/null --ssh-option LogLevel=ERROR --timeout "$boot_timeout")
    t0=$(date +%s)
    if "$repo/deploy.sh" "${dargs[@]}" --release "$rel" 127.0.0.1 > "$run/deploy-good.log" 2>&1; then
        cur=$(g readlink /var/lib/latentplayground/current)
        pass_check "deploy: ${release_version}-redeploy READY (current -> $cur) in $(( $(date +%s) - t0 ))s"
    else
        fail_check "deploy: deploy.sh of a good release failed (see $run/deploy-good.log)"
    fi
    figure "deploy of a release (rsync, switch, restart, READY; emulated): $(( $(date +%s) - t0 )) s"
    cp -a "$rel" "$run/deploy-broken"
    sed -i "s/^version=.*/version=${release_version}-broken/" "$run/deploy-broken/RELEASE"
    rm -f "$run/deploy-broken/latentplayground"
    printf '#!/bin/sh\necho "broken release: exits at once" >&2\nexit 1\n' > "$run/deploy-broken/latentplayground"
    chmod +x "$run/deploy-broken/latentplayground"
    t0=$(date +%s)
    rc=0
    "$repo/deploy.sh" "${dargs[@]}" --release "$run/deploy-broken" 127.0.0.1 > "$run/deploy-broken.log" 2>&1 || rc=$?
    cur=$(g readlink /var/lib/latentplayground/current)
    active=$(g systemctl show -p ActiveState --value latentplayground.service)
    if [[ $rc -eq 1 && $cur == "releases/${release_version}-redeploy" && $active == active ]]; then
        pass_check "broken deploy: exit 1, rolled back (current -> $cur), READY again in $(( $(date +%s) - t0 ))s"
    else
        fail_check "broken deploy: exit $rc, current -> $cur, service $active (see $run/deploy-broken.log)"
    fi
    figure "deploy of a broken release with rollback (emulated): $(( $(date +%s) - t0 )) s"
fi

stop_qemu
total=$(( $(date +%s) - start_s ))
figure "boot test wall time: ${total} s (budget ${budget} s)"
over_budget && fail_check "budget: the test took ${total}s, over --timeout ${budget}s"
echo "---- figures ($figures) ----"
cat "$figures"
if [[ ${#failures[@]} -gt 0 ]]; then
    echo "$prog: ${#failures[@]} check(s) failed:" >&2
    printf '  %s\n' "${failures[@]}" >&2
    exit 1
fi
echo "$prog: all checks passed (logs: $logs)"
