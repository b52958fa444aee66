#!/bin/sh
# Fresh Debian 12 + JDK 25 + Maven, as root: install, build, start berthd, run a container.
set -e
cd "$(dirname "$0")/.."
sh scripts/install-deps.sh
sh scripts/build.sh
sock=/run/berth/berth.sock
if ! [ -S "$sock" ] || ! curl -s --unix-socket "$sock" http://x/_ping >/dev/null 2>&1; then
  mkdir -p /var/log
  nohup bin/berthd >/var/log/berthd.log 2>&1 &
  for i in $(seq 1 50); do [ -S "$sock" ] && break; sleep 0.2; done
fi
DOCKER_HOST=unix://$sock docker run --rm busybox echo hello from berth
