#!/bin/sh
# Installs what berth needs on Debian 12, idempotently.
set -e
need=""
for p in runc conmon containernetworking-plugins iptables busybox-static tini procps iproute2 maven; do
  dpkg -s "$p" >/dev/null 2>&1 || need="$need $p"
done
if [ -n "$need" ]; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $need >/dev/null
fi
