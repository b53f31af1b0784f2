#!/usr/bin/env bash
# Downloader benchmark: N concurrent 6 Mb/s streams from a local origin; CPU per stream and the
# largest N that keeps up, next to the cost of only hashing + writing the same bytes.
#   bench/downloader.sh [N ...]      (default: 10 25 50 75 100)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=/dev/null
source <(sed -n '/^java_major()/,/^}/p;/^find_jdk()/,/^}/p;/^die()/p' "$ROOT/streamvault")
MIN_JAVA=21
find_jdk
cd "$ROOT"
mvn -q -B -DskipTests test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath >&2
exec "$JAVA_HOME/bin/java" -Dstreamvault.home="$ROOT" -Dlog4j2.level=WARN \
  -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" \
  org.streamvault.bench.DownloaderBench "$@" 2> >(grep -v -E '^WARNING|INFO' >&2)
