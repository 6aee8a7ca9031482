#!/usr/bin/env bash
# Single-thread throughput of the pure pricing engine (io.flashorder.pricing.engine.PricingBenchmark): a 5-line,
# 2-merchant cart with a member tier, promotions, a merchant and a platform coupon, on a 10,000-SKU catalog.
# Usage: load-tests/pricing-bench.sh [warmupRounds=5] [measuredRounds=7] [roundMillis=1000]
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/java-home.sh
echo "JDK: $JAVA_HOME"

./mvnw -B -q test-compile
./mvnw -B -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/pricing-bench.classpath
exec "$JAVA_HOME/bin/java" -cp "target/classes:target/test-classes:$(cat target/pricing-bench.classpath)" \
  io.flashorder.pricing.engine.PricingBenchmark "$@"
