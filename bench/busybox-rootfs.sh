#!/bin/sh
# Writes a busybox root filesystem (the host's busybox-static plus one symlink per applet) into DIR,
# the same content berthd's built-in busybox:latest has. Used to give dockerd a busybox image
# without Docker Hub and to build the bare-runc bundle the bench uses as its floor.
#   bench/busybox-rootfs.sh DIR
set -eu
dir=${1:?usage: busybox-rootfs.sh DIR}
[ -x /bin/busybox ] || { echo "busybox-rootfs: /bin/busybox missing (apt-get install busybox-static)" >&2; exit 1; }
mkdir -p "$dir/bin" "$dir/tmp" "$dir/etc" "$dir/root" "$dir/var" "$dir/proc" "$dir/sys" "$dir/dev"
cp /bin/busybox "$dir/bin/busybox"
for app in $(/bin/busybox --list); do
  [ "$app" = busybox ] || ln -sf busybox "$dir/bin/$app"
done
echo 'root:x:0:0:root:/root:/bin/sh' >"$dir/etc/passwd"
echo 'root:x:0:' >"$dir/etc/group"
