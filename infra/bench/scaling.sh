#!/usr/bin/env bash
# The scaling experiment: starts a stack of its own on free ports (benchmark profile), steps content-service
# 1 → 2 → 4 instances under a fixed read rate, each CPU-capped with cgroups (root needed; otherwise it says so and runs
# uncapped), then attempts faster than one capped search-service consumes them, with one and two instances.
# Writes docs/scaling/<date>.md and .png. Options as -D flags, e.g.:
#   infra/bench/scaling.sh -Drate=160 -Dcpus=0.1 -Dclients=16 -DattemptRate=40 -DworkerCpus=0.02
set -euo pipefail
cd "$(dirname "$0")/../.."
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
./mvnw -B -q -DskipTests -Dspotless.check.skip=true package -pl infra/load,gateway,content-service,quiz-service,search-service -am
exec "$JAVA_HOME/bin/java" -Xmx512m -Dlearnscale.home="$PWD" "$@" \
  -cp "infra/load/target/classes:$(cat infra/load/target/classpath.txt)" \
  io.learnscale.load.experiment.ScalingExperiment
