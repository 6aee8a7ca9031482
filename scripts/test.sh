#!/usr/bin/env bash
# The README's test command: starts PostgreSQL and Redis (installing them if needed) and runs every test against
# them. Exits non-zero when a test fails. Extra arguments go to Maven (e.g. -Dtest=SkuResourceTest).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/prepare.sh"
echo "[test] JDK: $JAVA_HOME"
exec ./mvnw -B verify "$@"
