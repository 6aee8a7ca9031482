#!/usr/bin/env bash
# Sourced by the load tests after scripts/prepare.sh: a fresh database and Redis database for the run, and the service
# built and started in prod mode on them.
#   start_service <log name> <database> <Redis database> <port> <work folder>
# SERVICE_JAVA_OPTS: the JVM options, by default the memory bounds of the container image (Dockerfile.jvm: heap,
# metaspace, code cache); set it empty for the JVM's own sizing, or add a flight recording.
# SERVICE_AOT_CACHE=<file> (JDK >= 25): as the container image does, with an AOT cache of a training run. While the file
# does not exist, the run packages the service and records the cache when the service exits (the run is the training);
# once it exists, runs start the service with it and reuse target/quarkus-app as it is (a new package would not match
# the cache; delete the file after a change).
# Sets BASE, REDIS (redis-cli on that database), PSQL (psql; add -d <database>) and APP (the service's pid, killed on
# exit; a script that sets its own EXIT trap kills it there).
SERVICE_JAVA_OPTS=${SERVICE_JAVA_OPTS-"-Xmx128m -XX:MetaspaceSize=128m -XX:MaxMetaspaceSize=192m -XX:ReservedCodeCacheSize=96m -XX:MarkStackSize=512k -XX:-G1UseAdaptiveIHOP -XX:InitiatingHeapOccupancyPercent=70 -XX:TrimNativeHeapInterval=5000"}
export SERVICE_JAVA_OPTS

start_service() {
  local name=$1 database=$2 redis_db=$3 port=$4 work=$5
  BASE="http://127.0.0.1:$port"
  REDIS="redis-cli -h 127.0.0.1 -p ${FLASHORDER_REDIS_PORT:-56379} -n $redis_db"
  export PGPASSWORD=flashorder
  PSQL="psql -h 127.0.0.1 -p ${FLASHORDER_PG_PORT:-55432} -U flashorder -qtA"
  mkdir -p "$work"

  echo "[$name] fresh database $database and Redis database $redis_db"
  $PSQL -d postgres -c "DROP DATABASE IF EXISTS $database WITH (FORCE)" -c "CREATE DATABASE $database"
  $REDIS flushdb >/dev/null

  local java_opts="$SERVICE_JAVA_OPTS"
  if [[ -n ${SERVICE_AOT_CACHE:-} && -f $SERVICE_AOT_CACHE ]]; then
    echo "[$name] starting with the AOT cache $SERVICE_AOT_CACHE, target/quarkus-app as it is"
    java_opts+=" -XX:AOTCache=$SERVICE_AOT_CACHE -XX:AOTMode=on"
  else
    echo "[$name] building"
    ./mvnw -B -q package -DskipTests
    [[ -z ${SERVICE_AOT_CACHE:-} ]] || { echo "[$name] training run: the AOT cache is written to $SERVICE_AOT_CACHE at exit"
                                         java_opts+=" -XX:AOTCacheOutput=$SERVICE_AOT_CACHE"; }
  fi

  export SERVICE_STARTED_WITH="$java_opts" # the JVM options the run reports
  echo "[$name] starting Flashorder on $BASE"
  FLASHORDER_DB_REACTIVE_URL=postgresql://127.0.0.1:${FLASHORDER_PG_PORT:-55432}/$database \
  FLASHORDER_DB_JDBC_URL=jdbc:postgresql://127.0.0.1:${FLASHORDER_PG_PORT:-55432}/$database \
  FLASHORDER_REDIS_URL=redis://127.0.0.1:${FLASHORDER_REDIS_PORT:-56379}/$redis_db \
  FLASHORDER_HTTP_PORT=$port \
    "$JAVA_HOME/bin/java" $java_opts -jar target/quarkus-app/quarkus-run.jar >"$work/app.log" 2>&1 &
  APP=$!
  trap 'kill $APP 2>/dev/null || true' EXIT
  for _ in $(seq 1 120); do curl -fs "$BASE/q/health/ready" >/dev/null 2>&1 && break; sleep 0.5; done
  curl -fs "$BASE/q/health/ready" >/dev/null || { echo "[$name] the service did not start; see $work/app.log"; exit 1; }
}
