#!/usr/bin/env bash
# The flash sale with Gatling: starts the README's local services and Flashorder (prod mode, its own database
# flashorder_gatling and Redis database 4, both wiped first), sets up a sale (load-tests/sale-setup.sh, as the
# benchmark does), mints one token per buyer, runs load-tests/gatling (FlashSaleSimulation: a ramp of buyers place an
# order for the scarce SKU, PAY_PERCENT of the accepted pay, the rest are refused once it is sold out), then checks
# that exactly STOCK orders were accepted and PostgreSQL has them all. Gatling's HTML report:
# load-tests/gatling/target/gatling/flashsalesimulation-<time>/index.html
#
# Usage: load-tests/flash-sale-gatling.sh      env: USERS=3000 RAMP_SECONDS=30 STOCK=1000 PAY_PERCENT=60
set -euo pipefail
source "$(dirname "$0")/../scripts/prepare.sh" >/dev/null

USERS=${USERS:-3000}
RAMP_SECONDS=${RAMP_SECONDS:-30}
STOCK=${STOCK:-1000}
PAY_PERCENT=${PAY_PERCENT:-60}
WORK="$ROOT/load-tests/gatling/target"

source load-tests/service.sh
start_service gatling flashorder_gatling 4 "${GATLING_PORT:-8090}" "$WORK"

ADMIN=$(scripts/token.sh admin 2>/dev/null)
source load-tests/sale-setup.sh
echo "[gatling] sale: $STOCK units of the scarce SKU for $USERS buyers"
sale_setup 100000 "$STOCK" 1

echo "[gatling] minting $USERS customer tokens"
"$JAVA_HOME/bin/java" load-tests/MintTokens.java build/keys/privateKey.pem https://flashorder.io "$USERS" "$WORK/tokens.txt"
{ echo token; cat "$WORK/tokens.txt"; } >"$WORK/tokens.csv"

echo "[gatling] running FlashSaleSimulation ($USERS buyers over ${RAMP_SECONDS}s, $PAY_PERCENT% of the accepted pay)"
set +e
./mvnw -B -q -f load-tests/gatling/pom.xml gatling:test -Dgatling.simulationClass=io.flashorder.loadtest.FlashSaleSimulation \
  -DbaseUrl="$BASE" -Dtokens="$WORK/tokens.csv" -Dsku="$SCARCE" -Dcampaign="$CAMPAIGN" \
  -DwebhookSecret="$(tr -d '\n' <build/keys/sandbox-webhook-secret)" \
  -Dusers="$USERS" -DrampSeconds="$RAMP_SECONDS" -DpayPercent="$PAY_PERCENT" | tee "$WORK/gatling.out"
GATLING=${PIPESTATUS[0]}
set -e

# Redis says how many units were taken (held by unpaid orders + sold), PostgreSQL whether it has every order.
for _ in $(seq 1 100); do [[ $($REDIS xlen 'orders:{p}:placed') -eq 0 ]] && break; sleep 0.1; done
TAKEN=$($REDIS hmget "stock:{p}:campaign:$CAMPAIGN" "$SCARCE:held" "$SCARCE:sold" | awk '{n += $1} END {print n}')
PERSISTED=$($PSQL -d flashorder_gatling -c "SELECT count(*) FROM customer_order")
PAID=$($PSQL -d flashorder_gatling -c "SELECT count(*) FROM customer_order WHERE status = 'AWAITING_SHIPMENT'")
REPORT=$(ls -td load-tests/gatling/target/gatling/*/ 2>/dev/null | head -1)
ACCEPTED=$(grep -h 'flash-sale placements' "$WORK/gatling.out" | tail -1 | grep -o 'accepted=[0-9]*' | cut -d= -f2)
echo
echo "[gatling] $(grep -h 'flash-sale placements' "$WORK/gatling.out" | tail -1)"
echo "[gatling] $(grep -h 'flash-sale payments' "$WORK/gatling.out" | tail -1)"
echo "[gatling] stock $STOCK: units taken in Redis $TAKEN, answered 201 ${ACCEPTED:-?}; orders in PostgreSQL $PERSISTED, of which paid $PAID"
echo "[gatling] report: ${REPORT}index.html"
# Every unit taken must belong to an order its buyer was told about, and PostgreSQL must have every one.
if [[ "$TAKEN" != "${ACCEPTED:-}" || "$PERSISTED" != "$TAKEN" ]]; then
  echo "[gatling] MISMATCH between the answers, Redis and PostgreSQL"
  exit 1
fi
exit "$GATLING"
