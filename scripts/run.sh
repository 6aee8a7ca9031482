#!/usr/bin/env bash
# The README's run command: starts PostgreSQL and Redis (installing them if needed), then Flashorder in dev mode
# with the demo catalog, and prints the URLs once the service is ready. Ctrl-C stops the service (the databases
# keep running; scripts/services.sh stop stops them).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/prepare.sh"
PORT="${FLASHORDER_HTTP_PORT:-8080}"

announce_when_ready() {
  for _ in $(seq 1 600); do
    if curl -fs "http://127.0.0.1:$PORT/q/health/ready" >/dev/null 2>&1; then
      cat <<MSG

  Flashorder is up (JDK: $JAVA_HOME)
    API          http://127.0.0.1:$PORT/api/v1
    Swagger UI   http://127.0.0.1:$PORT/q/swagger-ui
    OpenAPI      http://127.0.0.1:$PORT/q/openapi
    Health       http://127.0.0.1:$PORT/q/health/ready
    Metrics      http://127.0.0.1:$PORT/q/metrics
  Tokens: scripts/token.sh admin | merchant | customer

MSG
      return
    fi
    sleep 1
  done
  echo "Flashorder did not become ready within 10 minutes" >&2
}
announce_when_ready &
# Analytics disabled: otherwise the first start stops to ask whether to send build analytics.
exec ./mvnw -B -q quarkus:dev -Dquarkus.http.port="$PORT" -Ddebug=false -Dquarkus.analytics.disabled=true
