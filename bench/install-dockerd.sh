#!/bin/sh
# Installs Debian's dockerd (docker.io) for the side-by-side benchmark, starts it by hand on its
# default socket when nothing else did, and gives it a busybox:latest made from the host's
# busybox-static (no Docker Hub here). Idempotent: every step checks before it acts.
#
#   bench/install-dockerd.sh            install, start if not running, import busybox
#   bench/install-dockerd.sh --no-start install only
#
# dockerd logs to /var/log/dockerd.log. Stop it with: kill "$(cat /var/run/docker.pid)"
set -eu

sock=/var/run/docker.sock
log=/var/log/dockerd.log
start=1
[ "${1:-}" = "--no-start" ] && start=0

need=""
for p in docker.io busybox-static; do
  dpkg -s "$p" >/dev/null 2>&1 || need="$need $p"
done
if [ -n "$need" ]; then
  # The package's postinst may try to start the service; with no systemd (and a policy-rc.d
  # that answers 101) it does not, so we start dockerd below ourselves.
  apt-get -o DPkg::Lock::Timeout=600 update -qq
  DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends $need >/dev/null
fi

[ "$start" = 1 ] || exit 0

docker_cli=$(command -v docker || echo /usr/local/bin/docker)
ping() { "$docker_cli" -H "unix://$sock" version --format '{{.Server.Version}}' >/dev/null 2>&1; }

if ! ping; then
  if [ -f /var/run/docker.pid ] && kill -0 "$(cat /var/run/docker.pid)" 2>/dev/null; then
    echo "install-dockerd: dockerd (pid $(cat /var/run/docker.pid)) is running but not answering on $sock" >&2
    exit 1
  fi
  # setsid: the daemon must not die with this shell or receive its terminal's signals.
  setsid dockerd >>"$log" 2>&1 </dev/null &
  i=0
  until ping; do
    i=$((i + 1))
    [ "$i" -lt 300 ] || { echo "install-dockerd: dockerd did not answer within 30 s; see $log" >&2; tail -n 20 "$log" >&2; exit 1; }
    sleep 0.1
  done
  echo "install-dockerd: dockerd $("$docker_cli" -H "unix://$sock" version --format '{{.Server.Version}}') started (log $log)"
fi

# busybox:latest from the host's busybox-static, as berthd builds its own.
if ! "$docker_cli" -H "unix://$sock" image inspect busybox:latest >/dev/null 2>&1; then
  root=$(mktemp -d)
  trap 'rm -rf "$root"' EXIT
  "$(dirname "$0")/busybox-rootfs.sh" "$root"
  tar -C "$root" -c . | "$docker_cli" -H "unix://$sock" import -c 'CMD ["sh"]' - busybox:latest >/dev/null
  echo "install-dockerd: imported busybox:latest into dockerd"
fi
