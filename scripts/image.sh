#!/usr/bin/env bash
# Builds Flashorder's container image here, with podman (no registry is reachable from these machines):
#   scripts/image.sh           the base image once (a minimal Debian bookworm root file system from the apt mirror
#                              this machine uses, plus a jlink-ed Java runtime), then the application image
#                              flashorder:latest from src/main/docker/Dockerfile.jvm
#   scripts/image.sh --smoke   the same, then runs the image against the local PostgreSQL and Redis
#                              (scripts/services.sh) as Kubernetes would (secrets in the environment, the JWT public
#                              key a read-only file, read-only root file system), waits for /q/health/ready, sets up a
#                              small sale through the admin API, places an order, checks PostgreSQL has it, sends
#                              SIGTERM and checks the service stopped cleanly
# Both train an AOT cache into the image (JDK >= 25): the image runs once against the local PostgreSQL and Redis under a
# short flash sale (load-tests' wrk script), the JVM records the classes it loaded and the JIT's method profiles, and
# the image is rebuilt with that cache and -XX:AOTCache (start-up about halved, less JIT work per order in the first
# minute; README, "Container image"). FLASHORDER_IMAGE_AOT=false builds without; FLASHORDER_IMAGE_TRAINING
# sets the length of the placing load (30s).
# FLASHORDER_IMAGE_PACKAGE=false reuses target/quarkus-app as it is (no ./mvnw package).
# Elsewhere, Docker or Jib build the same Dockerfile on a public base image (README, "Container image").
# Facts of this machine the flags below answer: podman runs containers only with runc (crun refuses the cgroups v1
# hybrid set-up), refuses to raise ulimits (so they are given), and has host networking only.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/prepare.sh"

IMAGE="${FLASHORDER_IMAGE:-localhost/flashorder:latest}"
JDK="${FLASHORDER_IMAGE_JDK:-/usr/lib/jvm/temurin-25-jdk-amd64}"
# What the service needs from the JDK: a fixed list rather than jdeps over every jar (minutes on this machine);
# java.rmi is there because context propagation loads java.rmi.RemoteException at start-up, java.desktop for
# java.beans. A missing module shows as a NoClassDefFoundError of a java.* class in the smoke test's log.
JRE_MODULES="java.base,java.compiler,java.desktop,java.instrument,java.logging,java.management,java.naming,\
java.net.http,java.rmi,java.scripting,java.security.jgss,java.security.sasl,java.sql,java.transaction.xa,java.xml,\
jdk.charsets,jdk.crypto.ec,jdk.jfr,jdk.management,jdk.naming.dns,jdk.net,jdk.unsupported,jdk.zipfs"
WORK="$ROOT/build/image"
PODMAN=(podman --runtime runc)
ULIMITS=(--ulimit nofile=1024:1024 --ulimit nproc=1024:1024)

log() { echo "[image] $*"; }

ensure_tools() {
  local missing=()
  command -v podman >/dev/null 2>&1 || missing+=(podman)
  command -v runc >/dev/null 2>&1 || missing+=(runc)
  command -v debootstrap >/dev/null 2>&1 || missing+=(debootstrap)
  if ((${#missing[@]})); then
    log "installing ${missing[*]}"
    DEBIAN_FRONTEND=noninteractive apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
  [[ -x "$JDK/bin/jlink" ]] || { log "no jlink at $JDK (set FLASHORDER_IMAGE_JDK to a JDK >= 21)"; exit 1; }
}

# The first Debian mirror apt is configured with here (deb822 .sources or the classic sources.list).
debian_mirror() {
  local uri
  uri=$(grep -hsE '^URIs:' /etc/apt/sources.list.d/*.sources | awk '{print $2}' | grep -v security | head -1 || true)
  [[ -n $uri ]] || uri=$(grep -hsE '^deb ' /etc/apt/sources.list | awk '{print $2}' | grep -v security | head -1 || true)
  echo "${uri:-http://deb.debian.org/debian}"
}

# Base image: Debian bookworm (minbase) + the jlink-ed runtime under /opt/java + user 185. Its tag says what it
# holds, so a new JDK or module list builds a new one; an existing one is reused.
build_base() {
  local jdk_version tag rootfs
  jdk_version=$("$JDK/bin/java" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.runtime.version/ {print $2; exit}')
  tag="bookworm-jre$(echo "$jdk_version" | tr -c 'A-Za-z0-9.\n' '_')-$(echo "$JRE_MODULES" | sha1sum | cut -c1-8)"
  BASE_IMAGE="localhost/flashorder-base:$tag"
  if podman image exists "$BASE_IMAGE"; then
    log "base image $BASE_IMAGE (cached)"
    return
  fi
  # The Debian root file system is kept (build/image/bookworm) for the next base image: debootstrap runs once.
  if [[ ! -f "$WORK/bookworm/etc/debian_version" ]]; then
    rm -rf "$WORK/bookworm"; mkdir -p "$WORK/bookworm"
    log "debootstrap bookworm from $(debian_mirror) (once; a few minutes)"
    debootstrap --variant=minbase bookworm "$WORK/bookworm" "$(debian_mirror)" >"$WORK/debootstrap.log" 2>&1 \
      || { rm -rf "$WORK/bookworm"; log "debootstrap failed; see $WORK/debootstrap.log"; exit 1; }
  fi
  rootfs="$WORK/rootfs"
  rm -rf "$rootfs"; cp -a "$WORK/bookworm" "$rootfs"
  log "jlink runtime from $JDK ($jdk_version)"
  "$JDK/bin/jlink" --add-modules "$JRE_MODULES" --strip-debug --no-man-pages --no-header-files \
    --output "$rootfs/opt/java"
  # Slimmer: no package lists, caches or docs in the image.
  rm -rf "$rootfs"/var/cache/apt/* "$rootfs"/var/lib/apt/lists/* "$rootfs"/usr/share/doc/* "$rootfs"/usr/share/man/*
  echo "flashorder:x:185:0:Flashorder:/deployments:/usr/sbin/nologin" >>"$rootfs/etc/passwd"
  mkdir -p "$rootfs/deployments"; chown 185:0 "$rootfs/deployments"
  log "importing $BASE_IMAGE"
  tar -C "$rootfs" -c . | podman import --quiet \
    --change 'ENV PATH=/opt/java/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
    --change 'ENV JAVA_HOME=/opt/java' --change 'ENV LANG=C.UTF-8' \
    --change 'CMD ["/bin/sh"]' - "$BASE_IMAGE" >/dev/null
  rm -rf "$rootfs"
}

image_size() { podman image inspect "$IMAGE" --format '{{.Size}}' | awk '{printf "%.0f MB", $1 / 1e6}'; }

build_app() {
  if [[ ${FLASHORDER_IMAGE_PACKAGE:-true} != false ]]; then
    log "packaging (./mvnw package -DskipTests)"
    ./mvnw -B -q package -DskipTests
  fi
  log "building $IMAGE from src/main/docker/Dockerfile.jvm on $BASE_IMAGE"
  "${PODMAN[@]}" build --network host "${ULIMITS[@]}" --build-arg "BASE_IMAGE=$BASE_IMAGE" \
    --build-arg "FONTS_IMAGE=$BASE_IMAGE" -f src/main/docker/Dockerfile.jvm -t "$IMAGE" . >"$WORK/build.log" 2>&1 \
    || { log "podman build failed; see $WORK/build.log"; exit 1; }
  log "built $IMAGE ($(image_size))"
}

free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

PSQL=(psql -h 127.0.0.1 -p "${FLASHORDER_PG_PORT:-55432}" -U flashorder -qtA)
export PGPASSWORD=flashorder

# start_container <name> <database> <Redis database> [podman run options...]: runs the image like Kubernetes does
# (read-only root file system, tmpfs /tmp, 1 GiB memory limit, secrets in the environment, the JWT public key a
# read-only file) on a free port against that database and Redis database of the local servers, both wiped first,
# and waits until it is ready. Sets BASE and removes the container on exit.
start_container() {
  local name=$1 database=$2 redis_db=$3; shift 3
  local pg_port=${FLASHORDER_PG_PORT:-55432} redis_port=${FLASHORDER_REDIS_PORT:-56379} port i
  port=$(free_port)
  log "$name: fresh database $database and Redis database $redis_db"
  "${PSQL[@]}" -d postgres -c "DROP DATABASE IF EXISTS $database WITH (FORCE)" -c "CREATE DATABASE $database"
  redis-cli -h 127.0.0.1 -p "$redis_port" -n "$redis_db" flushdb >/dev/null

  log "$name: starting on 127.0.0.1:$port (read-only root file system, tmpfs /tmp)"
  podman rm -f "$name" >/dev/null 2>&1 || true # left by an interrupted run
  "${PODMAN[@]}" run -d --name "$name" --network host "${ULIMITS[@]}" --read-only --tmpfs /tmp:rw,size=64m \
    --memory 1g -v "$ROOT/build/keys/publicKey.pem:/etc/flashorder/jwt/publicKey.pem:ro" \
    -e FLASHORDER_HTTP_PORT="$port" \
    -e FLASHORDER_DB_REACTIVE_URL="postgresql://127.0.0.1:$pg_port/$database" \
    -e FLASHORDER_DB_JDBC_URL="jdbc:postgresql://127.0.0.1:$pg_port/$database" \
    -e FLASHORDER_REDIS_URL="redis://127.0.0.1:$redis_port/$redis_db" \
    -e FLASHORDER_JWT_PUBLIC_KEY=/etc/flashorder/jwt/publicKey.pem \
    -e FLASHORDER_PII_KEY_RING="$(grep -v '^$' build/keys/pii-key-ring | paste -sd,)" \
    -e FLASHORDER_SANDBOX_WEBHOOK_SECRET="$(tr -d '\n' <build/keys/sandbox-webhook-secret)" \
    "$@" "$IMAGE" >/dev/null
  trap "podman rm -f '$name' >/dev/null 2>&1 || true" EXIT
  BASE="http://127.0.0.1:$port"
  for i in $(seq 1 180); do
    curl -fs "$BASE/q/health/ready" >/dev/null 2>&1 && break
    [[ $(podman inspect -f '{{.State.Running}}' "$name") == true ]] || break
    sleep 1
  done
  if ! curl -fs "$BASE/q/health/ready" >/dev/null; then
    podman logs "$name" >"$WORK/$name.log" 2>&1 || true
    log "$name FAILED: not ready; see $WORK/$name.log"; exit 1
  fi
  log "$name: ready after ${i}s ($(podman logs "$name" 2>&1 | grep -o 'started in [0-9.]*s' | head -1));" \
    "$(podman exec "$name" id -u | sed 's/^/uid /'), $(podman exec "$name" java -version 2>&1 | head -1)"
}

# stop_container <name> <seconds>: SIGTERM, waits for the exit, keeps the log in build/image/<name>.log and removes the
# container; fails unless Quarkus stopped cleanly. 143 = 128 + SIGTERM: the JVM ran its shutdown hooks and exited
# because of the signal.
stop_container() {
  local name=$1 seconds=$2 code
  log "$name: SIGTERM"
  podman kill --signal TERM "$name" >/dev/null
  code=$(timeout "$seconds" podman wait "$name")
  podman logs "$name" >"$WORK/$name.log" 2>&1 || true
  if [[ $code != 0 && $code != 143 ]] || ! grep -q 'stopped in' "$WORK/$name.log"; then
    log "$name FAILED: exit code $code, no clean shutdown in $WORK/$name.log"; exit 1
  fi
  log "$name: stopped cleanly (exit $code: $(grep -o 'flashorder stopped in [0-9.]*s' "$WORK/$name.log"))"
  podman rm -f "$name" >/dev/null
}

# The training: the image under a short flash sale (many buyers placing orders on a campaign SKU, then a SKU selling
# out and refusals), so the cache holds what a pod joining a sale runs. It is made inside the container because a
# cache belongs to one JDK build and one set of jars (the JVM ignores, with a warning, a cache that does not match).
train_aot() {
  local out="$WORK/aot" name=flashorder-aot-training
  rm -rf "$out"; mkdir -p "$out/cache"; chown 185:0 "$out/cache"
  command -v wrk >/dev/null || { log "installing wrk"; apt-get install -y -qq wrk >/dev/null; }
  # The JVM writes the cache when it exits, with a second JVM of the same options: more memory than serving.
  start_container "$name" flashorder_aot 3 --memory 2g -v "$out/cache:/aot:rw" \
    -e JAVA_OPTS_APPEND="-XX:AOTCacheOutput=/aot/app.aot"
  ADMIN=$(scripts/token.sh admin 2>/dev/null)
  source load-tests/sale-setup.sh
  sale_setup 1000000 2000
  "$JAVA_HOME/bin/java" load-tests/MintTokens.java build/keys/privateKey.pem https://flashorder.io 5000 \
    "$out/tokens.txt"
  log "training: placing orders for ${FLASHORDER_IMAGE_TRAINING:-30s}, then selling out a SKU (wrk, 32 connections)"
  TOKENS="$out/tokens.txt" CAMPAIGN="$CAMPAIGN" SKU="$PLENTY" \
    wrk -t2 -c32 -d"${FLASHORDER_IMAGE_TRAINING:-30s}" -s load-tests/place-order.lua "$BASE" >"$out/place.out"
  TOKENS="$out/tokens.txt" CAMPAIGN="$CAMPAIGN" SKU="$SCARCE" \
    wrk -t2 -c32 -d10s -s load-tests/place-order.lua "$BASE" >"$out/sell-out.out"
  answers() { awk '$1 == "status" {printf " %s×%s", $3, $2}' "$1"; }
  log "training: placing answered$(answers "$out/place.out"), selling out$(answers "$out/sell-out.out")"
  stop_container "$name" 600
  [[ -s $out/cache/app.aot ]] || { log "training FAILED: no AOT cache written; see $WORK/$name.log"; exit 1; }
  log "training: AOT cache $(du -m "$out/cache/app.aot" | cut -f1) MB; building $IMAGE with it"
  printf '%s\n' "FROM $IMAGE" "COPY --chown=185:0 app.aot /deployments/app.aot" \
    'ENV JAVA_OPTS="$JAVA_OPTS -XX:AOTCache=/deployments/app.aot"' >"$out/cache/Containerfile"
  "${PODMAN[@]}" build --network host "${ULIMITS[@]}" -f "$out/cache/Containerfile" -t "$IMAGE" "$out/cache" \
    >"$WORK/build-aot.log" 2>&1 || { log "podman build failed; see $WORK/build-aot.log"; exit 1; }
  log "built $IMAGE with its AOT cache ($(image_size))"
}

smoke() {
  local name="flashorder-smoke" aot_check=()
  # With a cache in the image the smoke refuses to start without it (-XX:AOTMode=on): the cache matches the image.
  [[ ${FLASHORDER_IMAGE_AOT:-true} == false ]] || aot_check=(-e JAVA_OPTS_APPEND=-XX:AOTMode=on)
  start_container "$name" flashorder_smoke 3 "${aot_check[@]}"

  ADMIN=$(scripts/token.sh admin 2>/dev/null)
  source load-tests/sale-setup.sh
  sale_setup 100 10 2
  local customer answer order status i
  customer=$(scripts/token.sh customer smoke-buyer 2>/dev/null)
  answer=$(curl -sS -w '\n%{http_code}' -H "Authorization: Bearer $customer" -H 'Content-Type: application/json' \
    -H "Idempotency-Key: smoke-order" \
    -d "{\"items\":[{\"skuId\":\"$PLENTY\",\"quantity\":1}],\"campaignId\":\"$CAMPAIGN\",
         \"address\":{\"recipient\":\"Smoke Test\",\"phone\":\"+44 20 7946 0958\",\"regionCode\":\"NORTH\",
                    \"detail\":\"1 Container Street\"},\"paymentMethod\":\"ONLINE\"}" "$BASE/api/v1/orders")
  status=$(tail -1 <<<"$answer")
  [[ $status == 201 ]] || { log "smoke FAILED: placing an order answered $status: $(head -1 <<<"$answer")"; exit 1; }
  order=$(head -1 <<<"$answer" | field id)
  log "smoke: order $order accepted (201)"
  for i in $(seq 1 50); do
    [[ $("${PSQL[@]}" -d flashorder_smoke -c "SELECT count(*) FROM customer_order WHERE id = '$order'") == 1 ]] && break
    sleep 0.2
  done
  [[ $("${PSQL[@]}" -d flashorder_smoke -c "SELECT status FROM customer_order WHERE id = '$order'") == PENDING_PAYMENT ]] \
    || { log "smoke FAILED: order $order is not in PostgreSQL"; exit 1; }
  log "smoke: order $order persisted by the writer (PENDING_PAYMENT)"

  stop_container "$name" 60
  log "smoke PASSED"
}

mkdir -p "$WORK"
ensure_tools
build_base
build_app
[[ ${FLASHORDER_IMAGE_AOT:-true} == false ]] || train_aot
case "${1:-}" in
  --smoke) smoke ;;
  "") ;;
  *) echo "usage: $0 [--smoke]" >&2; exit 2 ;;
esac
