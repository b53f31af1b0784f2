#!/usr/bin/env bash
# Cost of timing every best-segment selection (SelectionTiming) against no timing, same run.
#   bench/selection-timing.sh
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
mvn -q -B -o test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath >/dev/null
exec "${JAVA_HOME:-/usr}/bin/java" -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" \
  org.streamvault.bench.SelectionTimingBench
