#!/usr/bin/env bash
# Plays the sandbox payment gateway for a refund: signs a refund callback with the local secret
# (build/keys/sandbox-webhook-secret, written by scripts/keys.sh) and posts it to the refund webhook, as the gateway
# would once the refund went through (or failed).
#   scripts/sandbox-refund-callback.sh <refundId sbx_re_...> <amount> [currency=EUR] [succeeded|failed]
# The refund id and amount are in the case: GET /api/v1/merchant/after-sales/<caseId> → refund.providerRefundId,
# refund.amount. The signature is lowercase hex HMAC-SHA256 over "<epoch seconds>.<raw body>".
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SECRET_FILE="${FLASHORDER_KEYS_DIR:-$ROOT/build/keys}/sandbox-webhook-secret"
URL="${FLASHORDER_URL:-http://127.0.0.1:8080}/api/v1/webhooks/refunds/sandbox"
[[ $# -ge 2 ]] || { echo "usage: $0 <refundId> <amount> [currency] [succeeded|failed]" >&2; exit 2; }
REFUND="$1"; AMOUNT="$2"; CURRENCY="${3:-EUR}"; RESULT="${4:-succeeded}"
FAILURE=null; [[ "$RESULT" == failed ]] && FAILURE='"account closed"'
BODY="{\"type\":\"refund.$RESULT\",\"refundId\":\"$REFUND\",\"amount\":$AMOUNT,\"currency\":\"$CURRENCY\",\"failureReason\":$FAILURE}"
TS="$(date +%s)"
SIG="$(printf '%s.%s' "$TS" "$BODY" | openssl dgst -sha256 -hmac "$(tr -d '\n' <"$SECRET_FILE")" -hex | sed 's/^.*= //')"
curl -s -H 'Content-Type: application/json' -H "X-Sandbox-Timestamp: $TS" -H "X-Sandbox-Signature: $SIG" \
  --data-binary "$BODY" "$URL"
echo
