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

build_app() {
  if [[ ${FLASHORDER_IMAGE_PACKAGE:-true} != false ]]; then
    log "packaging (./mvnw package -DskipTests)"
    ./mvnw -B -q package -DskipTests
  fi
  log "building $IMAGE from src/main/docker/Dockerfile.jvm on $BASE_IMAGE"
  "${PODMAN[@]}" build --network host "${ULIMITS[@]}" --build-arg "BASE_IMAGE=$BASE_IMAGE" \
    --build-arg "FONTS_IMAGE=$BASE_IMAGE" -f src/main/docker/Dockerfile.jvm -t "$IMAGE" . >"$WORK/build.log" 2>&1 \
    || { log "podman build failed; see $WORK/build.log"; exit 1; }
  log "built $IMAGE ($(podman image inspect "$IMAGE" --format '{{.Size}}' | awk '{printf "%.0f MB", $1 / 1e6}'))"
}

free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

smoke() {
  local pg_port=${FLASHORDER_PG_PORT:-55432} redis_port=${FLASHORDER_REDIS_PORT:-56379} port name
  port=$(free_port)
  name="flashorder-smoke-$port"
  export PGPASSWORD=flashorder
  local psql=(psql -h 127.0.0.1 -p "$pg_port" -U flashorder -qtA)
  local redis=(redis-cli -h 127.0.0.1 -p "$redis_port" -n 3)
  log "smoke: fresh database flashorder_smoke and Redis database 3"
  "${psql[@]}" -d postgres -c "DROP DATABASE IF EXISTS flashorder_smoke" -c "CREATE DATABASE flashorder_smoke"
  "${redis[@]}" flushdb >/dev/null

  log "smoke: starting $name on 127.0.0.1:$port (read-only root file system, tmpfs /tmp)"
  "${PODMAN[@]}" run -d --name "$name" --network host "${ULIMITS[@]}" --read-only --tmpfs /tmp:rw,size=64m \
    --memory 1g -v "$ROOT/build/keys/publicKey.pem:/etc/flashorder/jwt/publicKey.pem:ro" \
    -e FLASHORDER_HTTP_PORT="$port" \
    -e FLASHORDER_DB_REACTIVE_URL="postgresql://127.0.0.1:$pg_port/flashorder_smoke" \
    -e FLASHORDER_DB_JDBC_URL="jdbc:postgresql://127.0.0.1:$pg_port/flashorder_smoke" \
    -e FLASHORDER_REDIS_URL="redis://127.0.0.1:$redis_port/3" \
    -e FLASHORDER_JWT_PUBLIC_KEY=/etc/flashorder/jwt/publicKey.pem \
    -e FLASHORDER_PII_KEY_RING="$(grep -v '^$' build/keys/pii-key-ring | paste -sd,)" \
    -e FLASHORDER_SANDBOX_WEBHOOK_SECRET="$(tr -d '\n' <build/keys/sandbox-webhook-secret)" \
    "$IMAGE" >/dev/null
  trap "podman rm -f '$name' >/dev/null 2>&1 || true" EXIT
  BASE="http://127.0.0.1:$port"
  local i
  for i in $(seq 1 180); do
    curl -fs "$BASE/q/health/ready" >/dev/null 2>&1 && break
    [[ $(podman inspect -f '{{.State.Running}}' "$name") == true ]] || break
    sleep 1
  done
  if ! curl -fs "$BASE/q/health/ready" >/dev/null; then
    podman logs "$name" >"$WORK/smoke.log" 2>&1 || true
    log "smoke FAILED: not ready; see $WORK/smoke.log"; exit 1
  fi
  log "smoke: ready after ${i}s; $(podman exec "$name" id -u | sed 's/^/uid /'), $(podman exec "$name" java -version 2>&1 | head -1)"

  ADMIN=$(scripts/token.sh admin 2>/dev/null)
  source load-tests/sale-setup.sh
  sale_setup 100 10 2
  local customer answer order status
  customer=$(scripts/token.sh customer smoke-buyer 2>/dev/null)
  answer=$(curl -sS -w '\n%{http_code}' -H "Authorization: Bearer $customer" -H 'Content-Type: application/json' \
    -H "Idempotency-Key: smoke-$port" \
    -d "{\"items\":[{\"skuId\":\"$PLENTY\",\"quantity\":1}],\"campaignId\":\"$CAMPAIGN\",
         \"address\":{\"recipient\":\"Smoke Test\",\"phone\":\"+44 20 7946 0958\",\"regionCode\":\"NORTH\",
                    \"detail\":\"1 Container Street\"},\"paymentMethod\":\"ONLINE\"}" "$BASE/api/v1/orders")
  status=$(tail -1 <<<"$answer")
  [[ $status == 201 ]] || { log "smoke FAILED: placing an order answered $status: $(head -1 <<<"$answer")"; exit 1; }
  order=$(head -1 <<<"$answer" | field id)
  log "smoke: order $order accepted (201)"
  for i in $(seq 1 50); do
    [[ $("${psql[@]}" -d flashorder_smoke -c "SELECT count(*) FROM customer_order WHERE id = '$order'") == 1 ]] && break
    sleep 0.2
  done
  [[ $("${psql[@]}" -d flashorder_smoke -c "SELECT status FROM customer_order WHERE id = '$order'") == PENDING_PAYMENT ]] \
    || { log "smoke FAILED: order $order is not in PostgreSQL"; exit 1; }
  log "smoke: order $order persisted by the writer (PENDING_PAYMENT)"

  log "smoke: SIGTERM"
  podman kill --signal TERM "$name" >/dev/null
  local code
  code=$(timeout 60 podman wait "$name")
  podman logs "$name" >"$WORK/smoke.log" 2>&1 || true
  # 143 = 128 + SIGTERM: the JVM ran its shutdown hooks and exited because of the signal, as asked.
  if [[ $code != 0 && $code != 143 ]] || ! grep -q 'stopped in' "$WORK/smoke.log"; then
    log "smoke FAILED: exit code $code, no clean shutdown in $WORK/smoke.log"; exit 1
  fi
  log "smoke: stopped cleanly (exit $code: $(grep -o 'flashorder stopped in [0-9.]*s' "$WORK/smoke.log"))"
  log "smoke PASSED"
}

mkdir -p "$WORK"
ensure_tools
build_base
build_app
case "${1:-}" in
  --smoke) smoke ;;
  "") ;;
  *) echo "usage: $0 [--smoke]" >&2; exit 2 ;;
esac
