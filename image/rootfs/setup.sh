#!/bin/bash
# Customises a pedal root file system from inside it (run in a chroot of the target's root, as root): the
# same steps for the Raspberry Pi 5 recipe (image/pi5/) and the emulated image (image/emulated/). Only the
# kernel, the firmware and config.txt differ between the two; those are the callers' business.
#
# Inputs (environment):
#   LP_FILES        folder holding this repository's image/ files inside the chroot (required)
#   LP_ADMIN_USER   the login for SSH and deploy.sh (default: pedal); sudo without a password, no password login
#   LP_AUTHORIZED_KEYS  a file of SSH public keys for LP_ADMIN_USER (optional; without it nobody can log in)
#   LP_HOSTNAME     the host name (default: latentplayground)
#   LP_PEDAL_JSON   the pedal's config to install as /etc/latentplayground/pedal.json (default: $LP_FILES/pedal.json)
set -euo pipefail

die() { echo "rootfs/setup.sh: $*" >&2; exit 2; }

: "${LP_FILES:?rootfs/setup.sh: LP_FILES is not set (the folder of image/ files inside the chroot)}"
LP_ADMIN_USER=${LP_ADMIN_USER:-pedal}
LP_HOSTNAME=${LP_HOSTNAME:-latentplayground}
LP_PEDAL_JSON=${LP_PEDAL_JSON:-$LP_FILES/pedal.json}
[[ -f $LP_FILES/latentplayground.service ]] || die "$LP_FILES/latentplayground.service: missing"
[[ -f $LP_PEDAL_JSON ]] || die "$LP_PEDAL_JSON: missing (the pedal's config)"
[[ $LP_ADMIN_USER =~ ^[a-z_][a-z0-9_-]*$ ]] || die "LP_ADMIN_USER: \"$LP_ADMIN_USER\" is not a valid user name"

# Groups the unit names (Raspberry Pi OS has them; plain Debian lacks gpio, i2c and spi).
for g in audio gpio i2c spi dialout; do
    getent group "$g" >/dev/null || groupadd --system "$g"
done

# The service's own user: no login, no home on the read-only root.
if ! getent passwd latentplayground >/dev/null; then
    useradd --system --no-create-home --home-dir /var/lib/latentplayground --shell /usr/sbin/nologin \
        --gid audio --groups gpio,i2c,spi,dialout latentplayground
fi

# The admin login: keys only, sudo without a password (deploy.sh needs it), password locked.
if ! getent passwd "$LP_ADMIN_USER" >/dev/null; then
    useradd --create-home --shell /bin/bash --groups sudo,audio,gpio,i2c,spi,dialout "$LP_ADMIN_USER"
fi
passwd --lock "$LP_ADMIN_USER" >/dev/null
passwd --lock root >/dev/null
install -d -m 0700 -o "$LP_ADMIN_USER" -g "$LP_ADMIN_USER" "/home/$LP_ADMIN_USER/.ssh"
if [[ -n ${LP_AUTHORIZED_KEYS:-} ]]; then
    [[ -s $LP_AUTHORIZED_KEYS ]] || die "LP_AUTHORIZED_KEYS: $LP_AUTHORIZED_KEYS is missing or empty"
    install -m 0600 -o "$LP_ADMIN_USER" -g "$LP_ADMIN_USER" "$LP_AUTHORIZED_KEYS" "/home/$LP_ADMIN_USER/.ssh/authorized_keys"
fi
printf '%s ALL=(ALL) NOPASSWD: ALL\n' "$LP_ADMIN_USER" > "/etc/sudoers.d/010-$LP_ADMIN_USER"
chmod 0440 "/etc/sudoers.d/010-$LP_ADMIN_USER"

# SSH: keys only, no root.
install -d /etc/ssh/sshd_config.d
install -m 0644 "$LP_FILES/rootfs/sshd-pedal.conf" /etc/ssh/sshd_config.d/latentplayground.conf

echo "$LP_HOSTNAME" > /etc/hostname
printf '127.0.0.1\tlocalhost\n127.0.1.1\t%s\n::1\t\tlocalhost ip6-localhost ip6-loopback\n' "$LP_HOSTNAME" > /etc/hosts

# Partitions: the data partition is checked (and repaired: fsck.repair=yes on the kernel command line) at
# every boot (pass 2). nofail: a pedal with a dead data partition still boots into sound on its defaults.
install -m 0644 "$LP_FILES/rootfs/fstab" /etc/fstab
# Read-only root: overlayroot's initramfs hook mounts the SD card's root read-only at /media/root-ro under a
# tmpfs overlay; recurse=0 leaves the data partition (and /boot/firmware) as real mounts.
install -m 0644 "$LP_FILES/rootfs/overlayroot.conf" /etc/overlayroot.conf
# The journal lives in RAM (the root is read-only anyway); 16 MB of it.
install -d /etc/systemd/journald.conf.d
install -m 0644 "$LP_FILES/rootfs/journald-pedal.conf" /etc/systemd/journald.conf.d/latentplayground.conf

# Network: DHCP on wired ports with systemd-networkd; SSH is the only listening service.
install -d /etc/systemd/network
install -m 0644 "$LP_FILES/rootfs/20-wired.network" /etc/systemd/network/20-wired.network
# (Raspberry Pi OS brings NetworkManager: it stays in charge there.)
if [[ ! -e /lib/systemd/system/NetworkManager.service && ! -e /usr/lib/systemd/system/NetworkManager.service ]]; then
    systemctl enable systemd-networkd.service >/dev/null 2>&1
fi
systemctl enable ssh.service >/dev/null 2>&1
for unit in apt-daily.timer apt-daily-upgrade.timer man-db.timer e2scrub_all.timer fstrim.timer \
            avahi-daemon.service avahi-daemon.socket bluetooth.service cups.service triggerhappy.service \
            ModemManager.service wpa_supplicant.service rpi-eeprom-update.service; do
    systemctl disable "$unit" >/dev/null 2>&1 || true
    systemctl mask "$unit" >/dev/null 2>&1 || true
done

# The pedal: its config, the unit, and /opt/latentplayground pointing at the current release on the data
# partition (deploy.sh switches /var/lib/latentplayground/current).
install -d /etc/latentplayground
install -m 0644 "$LP_PEDAL_JSON" /etc/latentplayground/pedal.json
if [[ -f $LP_FILES/../hardware/pinmap.json ]]; then
    install -m 0644 "$LP_FILES/../hardware/pinmap.json" /etc/latentplayground/pinmap.json
fi
install -m 0644 "$LP_FILES/latentplayground.service" /etc/systemd/system/latentplayground.service
install -d /var/lib/latentplayground
rm -rf /opt/latentplayground
ln -s /var/lib/latentplayground/current /opt/latentplayground
systemctl enable latentplayground.service >/dev/null 2>&1
echo "rootfs/setup.sh: done (user latentplayground $(id -u latentplayground):$(id -g latentplayground), admin $LP_ADMIN_USER)"
