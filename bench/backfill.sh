#!/usr/bin/env bash
# Backfill benchmark: node B copies one hour of 2 s segments (1,800 x ~1 MB) from node A on
# loopback, timed next to `cp -r` of the same directory. Usage: bench/backfill.sh [files] [bytes]
# Needs ~3x the data size of free space under $TMPDIR (/tmp); everything is deleted afterwards.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=/dev/null
source <(sed -n '/^java_major()/,/^}/p;/^find_jdk()/,/^}/p;/^die()/p' "$ROOT/streamvault")
MIN_JAVA=21
find_jdk
cd "$ROOT"
mvn -q -B -o test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath >/dev/null
exec "$JAVA_HOME/bin/java" -Xmx512m -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" \
  org.streamvault.bench.BackfillBench "$@"
