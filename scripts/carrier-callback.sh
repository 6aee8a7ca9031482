#!/usr/bin/env bash
# Plays the sandbox carrier: signs a tracking event with the local secret (build/keys/sandbox-carrier-secret,
# written by scripts/keys.sh) and posts it to the webhook, as the carrier would when it scans the parcel.
#   scripts/carrier-callback.sh <trackingNumber> <PICKED_UP|IN_TRANSIT|OUT_FOR_DELIVERY|DELIVERED|REFUSED|EXCEPTION>
#                               [occurredAt=now] [signer (DELIVERED) | reason LOST|DAMAGED|DELAYED (EXCEPTION)] [eventId]
# The signature is lowercase hex HMAC-SHA256 over "<epoch seconds>.<raw body>" in X-Carrier-Signature, the second in
# X-Carrier-Timestamp. Sending the same eventId again is a duplicate (200, nothing changes); an event older than
# the parcel's latest is kept in its timeline but never moves it back.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SECRET_FILE="${FLASHORDER_KEYS_DIR:-$ROOT/build/keys}/sandbox-carrier-secret"
URL="${FLASHORDER_URL:-http://127.0.0.1:8080}/api/v1/webhooks/carriers/sandbox"
[[ $# -ge 2 ]] || { echo "usage: $0 <trackingNumber> <status> [occurredAt] [signer|reason] [eventId]" >&2; exit 2; }
TRACKING="$1"; STATUS="$2"; AT="${3:-$(date -u +%Y-%m-%dT%H:%M:%SZ)}"; EXTRA="${4:-}"
EVENT="${5:-sbx_ev_$(openssl rand -hex 8)}"
SIGNER=null; REASON=null
[[ "$STATUS" == DELIVERED ]] && SIGNER="\"${EXTRA:-Recipient}\""
[[ "$STATUS" == EXCEPTION ]] && REASON="\"${EXTRA:-DELAYED}\""
BODY="{\"eventId\":\"$EVENT\",\"trackingNumber\":\"$TRACKING\",\"status\":\"$STATUS\",\"occurredAt\":\"$AT\",\"location\":\"Sandbox hub\",\"detail\":null,\"signer\":$SIGNER,\"reason\":$REASON}"
TS="$(date +%s)"
SIG="$(printf '%s.%s' "$TS" "$BODY" | openssl dgst -sha256 -hmac "$(tr -d '\n' <"$SECRET_FILE")" -hex | sed 's/^.*= //')"
curl -s -H 'Content-Type: application/json' -H "X-Carrier-Timestamp: $TS" -H "X-Carrier-Signature: $SIG" \
  --data-binary "$BODY" "$URL"
echo
