#!/bin/sh
# Fresh Debian 12 + JDK 25 + Maven, as root: install packages, build, start berthd, run a container.
# Idempotent: a second run reuses the running daemon.
set -e
cd "$(dirname "$0")/.."
sh scripts/install-deps.sh
sh scripts/build.sh
[ -f scripts/install.sh ] && sh scripts/install.sh
sock=/run/berth/berth.sock
if ! BERTH_HOST=unix://$sock bin/berth version >/dev/null 2>&1; then
  mkdir -p /var/log
  # a session of its own, as a service manager would give it: no terminal's signals reach it
  setsid bin/berthd >>/var/log/berthd.log 2>&1 </dev/null &
  i=0
  until BERTH_HOST=unix://$sock bin/berth version >/dev/null 2>&1; do
    i=$((i + 1))
    [ $i -lt 100 ] || { echo "berthd did not start; see /var/log/berthd.log" >&2; exit 1; }
    sleep 0.2
  done
fi
BERTH_HOST=unix://$sock bin/berth run --rm busybox echo hello from berth
