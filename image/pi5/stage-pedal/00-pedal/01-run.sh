#!/bin/bash -e
# pi-gen sub-stage (runs on the build host; ROOTFS_DIR is the image's root, on_chroot runs inside it):
# the pedal on top of Raspberry Pi OS Lite, with image/rootfs/setup.sh, the same script the emulated image runs.
# PEDAL_FILES, PEDAL_HAT, PEDAL_RT_KERNEL and FIRST_USER_NAME come from the config build-pi-image.sh writes.

files="${ROOTFS_DIR}/tmp/lp-files"
rm -rf "${files}"
mkdir -p "${files}"
cp -a "${PEDAL_FILES}/image/." "${files}/"
mkdir -p "${ROOTFS_DIR}/tmp/hardware"
cp "${PEDAL_FILES}/hardware/pinmap.json" "${ROOTFS_DIR}/tmp/hardware/"
cp "${PEDAL_FILES}/authorized_keys" "${ROOTFS_DIR}/tmp/lp-authorized-keys"

# The HAT: its overlay into config.txt, its card into pedal.json.
read -r _ overlay card < <(grep -v '^#' "${files}/pi5/hats.conf" | awk -v h="${PEDAL_HAT}" '$1 == h')
[ -n "${overlay}" ] || { echo "stage-pedal: PEDAL_HAT=${PEDAL_HAT} is not in image/pi5/hats.conf" >&2; exit 1; }
sed "s/sndrpihifiberry/${card}/g" "${files}/pedal.json" > "${files}/pedal-hat.json"
sed "/^# PEDAL_HAT/{n;s/^dtoverlay=.*/dtoverlay=${overlay}/}" "${files}/config.txt" > "${files}/config-hat.txt"
{
	echo ""
	echo "# --- LatentPlayground pedal (image/config.txt, HAT ${PEDAL_HAT}) ---"
	cat "${files}/config-hat.txt"
} >> "${ROOTFS_DIR}/boot/firmware/config.txt"

# Kernel command line: Raspberry Pi OS's one line, plus the pedal's parameters; no first-boot root resize
# (the root stays as built and read-only; the data partition follows it).
params=$(grep -v '^#' "${files}/pi5/cmdline-pedal.txt" | tr -s '\n' ' ')
sed -i -e 's| init=/usr/lib/raspberrypi-sys-mods/firstboot||; s| init=/usr/lib/raspi-config/init_resize.sh||' \
	-e "s|\$| ${params}|" -e 's/  */ /g; s/ *$//' "${ROOTFS_DIR}/boot/firmware/cmdline.txt"

# Optional real-time kernel (image/README.md, "Real-time kernel"): a kernel image built with PREEMPT_RT.
if [ -n "${PEDAL_RT_KERNEL}" ]; then
	install -m 0644 "${PEDAL_RT_KERNEL}" "${ROOTFS_DIR}/boot/firmware/kernel_2712_rt.img"
	printf '\n# PREEMPT_RT kernel (PEDAL_RT_KERNEL)\nkernel=kernel_2712_rt.img\n' >> "${ROOTFS_DIR}/boot/firmware/config.txt"
fi

on_chroot <<CHROOT
LP_FILES=/tmp/lp-files LP_ADMIN_USER=${FIRST_USER_NAME} LP_AUTHORIZED_KEYS=/tmp/lp-authorized-keys \
LP_HOSTNAME=${TARGET_HOSTNAME} LP_PEDAL_JSON=/tmp/lp-files/pedal-hat.json bash /tmp/lp-files/rootfs/setup.sh
# Raspberry Pi OS extras a pedal does not want at boot (setup.sh masks the common ones).
systemctl disable NetworkManager-wait-online.service 2>/dev/null || true
systemctl mask userconfig.service 2>/dev/null || true
update-initramfs -u -k all
CHROOT
rm -rf "${files}" "${ROOTFS_DIR}/tmp/hardware" "${ROOTFS_DIR}/tmp/lp-authorized-keys"
