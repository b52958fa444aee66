#!/bin/sh
# The whole test suite: unit tests, root integration tests and end-to-end tests against a berthd
# started on a temporary data root and socket.
set -e
cd "$(dirname "$0")/.."
sh scripts/install-deps.sh
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
[ -x "$JAVA_HOME/bin/java" ] || export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64
mvn -B install
