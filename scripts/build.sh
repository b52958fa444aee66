#!/bin/sh
# Builds berth (no tests) so bin/berthd runs from the checkout.
set -e
cd "$(dirname "$0")/.."
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
[ -x "$JAVA_HOME/bin/java" ] || export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64
mvn -q -B install -DskipTests
sh scripts/train-aot.sh
