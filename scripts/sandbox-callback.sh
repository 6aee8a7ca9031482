#!/usr/bin/env bash
# Plays the sandbox payment gateway: signs a callback with the local secret (build/keys/sandbox-webhook-secret,
# written by scripts/keys.sh) and posts it to the webhook, as the gateway would after the buyer paid.
#   scripts/sandbox-callback.sh <sessionId> <amount> [currency=EUR] [succeeded|failed] [transactionId]
# The signature is lowercase hex HMAC-SHA256 over "<epoch seconds>.<raw body>".
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SECRET_FILE="${FLASHORDER_KEYS_DIR:-$ROOT/build/keys}/sandbox-webhook-secret"
URL="${FLASHORDER_URL:-http://127.0.0.1:8080}/api/v1/webhooks/payments/sandbox"
[[ $# -ge 2 ]] || { echo "usage: $0 <sessionId> <amount> [currency] [succeeded|failed] [transactionId]" >&2; exit 2; }
SESSION="$1"; AMOUNT="$2"; CURRENCY="${3:-EUR}"; RESULT="${4:-succeeded}"
TRANSACTION="${5:-sbx_tx_$(openssl rand -hex 8)}"
FAILURE=null; [[ "$RESULT" == failed ]] && FAILURE='"card declined"'
BODY="{\"type\":\"payment.$RESULT\",\"transactionId\":\"$TRANSACTION\",\"sessionId\":\"$SESSION\",\"amount\":$AMOUNT,\"currency\":\"$CURRENCY\",\"failureReason\":$FAILURE}"
TS="$(date +%s)"
SIG="$(printf '%s.%s' "$TS" "$BODY" | openssl dgst -sha256 -hmac "$(tr -d '\n' <"$SECRET_FILE")" -hex | sed 's/^.*= //')"
curl -s -H 'Content-Type: application/json' -H "X-Sandbox-Timestamp: $TS" -H "X-Sandbox-Signature: $SIG" \
  --data-binary "$BODY" "$URL"
echo
