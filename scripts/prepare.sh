#!/usr/bin/env bash
# Sourced by run.sh, test.sh and the benchmark: moves to the project root, picks a JDK >= 21, makes sure the local
# PostgreSQL and Redis run, and that the local keys exist.
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
source scripts/java-home.sh
# FLASHORDER_REDIS_MODE=cluster: services.sh starts a 3-primary Redis Cluster on FLASHORDER_REDIS_PORT+1..+3, and the
# service and the tests talk to it with the cluster client (database 0, the only one a cluster has).
if [[ ${FLASHORDER_REDIS_MODE:-standalone} == cluster ]]; then
  redis_base_port="${FLASHORDER_REDIS_PORT:-56379}"
  FLASHORDER_REDIS_URL="redis://127.0.0.1:$((redis_base_port + 1)),redis://127.0.0.1:$((redis_base_port + 2)),redis://127.0.0.1:$((redis_base_port + 3))"
  export FLASHORDER_REDIS_MODE FLASHORDER_REDIS_URL FLASHORDER_TEST_REDIS_URL="$FLASHORDER_REDIS_URL"
  export FLASHORDER_REDIS_CLIENT_TYPE=cluster
fi
scripts/services.sh start
scripts/keys.sh
