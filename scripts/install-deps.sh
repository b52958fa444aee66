#!/bin/sh
# Installs what berth needs on Debian 12, idempotently.
set -e
need=""
# golang-github-docker-docker-dev: Docker 20.10's default seccomp profile, which SeccompProfileDockerTest compares with berth's
# python3-docker: the Python docker SDK, which PythonSdkEndToEndTest drives berthd with
# docker-registry, skopeo, apache2-utils (htpasswd -B), openssl: the reference registry PullEndToEndTest
# pulls from, and the clients and tools that fill it and that RegistryEndToEndTest drives berth registry serve with
for p in runc conmon containernetworking-plugins iptables busybox-static tini procps iproute2 maven golang-github-docker-docker-dev python3-docker docker-registry skopeo apache2-utils openssl; do
  dpkg -s "$p" >/dev/null 2>&1 || need="$need $p"
done
if [ -n "$need" ]; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $need >/dev/null
fi
