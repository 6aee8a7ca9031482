#!/usr/bin/env bash
# The README's test command: starts PostgreSQL and Redis (installing them if needed) and runs every test against
# them. Exits non-zero when a test fails. Extra arguments go to Maven (e.g. -Dtest=SkuResourceTest).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
source scripts/java-home.sh
scripts/services.sh start
scripts/keys.sh
echo "[test] JDK: $JAVA_HOME"
exec ./mvnw -B verify "$@"
