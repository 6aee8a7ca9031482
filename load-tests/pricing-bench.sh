#!/usr/bin/env bash
# Single-thread throughput of the pure pricing engine (io.flashorder.pricing.PricingBenchmark).
# Usage: load-tests/pricing-bench.sh [warmupRounds=5] [measuredRounds=7] [roundMillis=1000]
set -euo pipefail
cd "$(dirname "$0")/.."

# Major Java version of a java binary ("1.8" → 8, "21" → 21), or 0 when it does not run.
java_major() {
  local spec
  spec=$("$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p') || true
  spec=${spec#1.}
  echo "${spec:-0}"
}

pick_java_home() {
  if [[ -n "${JAVA_HOME:-}" && -x "$JAVA_HOME/bin/java" && $(java_major "$JAVA_HOME/bin/java") -ge 21 ]]; then
    echo "$JAVA_HOME"
    return
  fi
  local best="" best_major=0 dir major
  for dir in /usr/lib/jvm/*; do
    [[ -x "$dir/bin/java" && -x "$dir/bin/javac" ]] || continue
    major=$(java_major "$dir/bin/java")
    if (( major >= 21 && major > best_major )); then
      best=$dir
      best_major=$major
    fi
  done
  if [[ -z "$best" ]]; then
    echo "no JDK >= 21 found (set JAVA_HOME or install one under /usr/lib/jvm)" >&2
    exit 1
  fi
  echo "$best"
}

JAVA_HOME=$(pick_java_home)
export JAVA_HOME
echo "JDK: $JAVA_HOME ($(java_major "$JAVA_HOME/bin/java"))"

./mvnw -B -q test-compile
./mvnw -B -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/pricing-bench.classpath
exec "$JAVA_HOME/bin/java" -cp "target/classes:target/test-classes:$(cat target/pricing-bench.classpath)" \
  io.flashorder.pricing.PricingBenchmark "$@"
