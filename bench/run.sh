#!/usr/bin/env bash
# JMH benchmarks of Sotto's per-packet paths (src/jmh/java), with JMH's allocation profiler.
#   bench/run.sh                      # every benchmark, -prof gc
#   bench/run.sh MediaThreadBenchmark # those whose name matches
# Extra JMH options go after the pattern (bench/run.sh Recorder -p format=PCM16).
set -euo pipefail
cd "$(dirname "$0")/.."
pattern=${1:-io.sotto}
shift || true
mvn -B -q -Pbench test-compile exec:exec -Dbench.args="$pattern -prof gc $*"
