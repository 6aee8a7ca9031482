#!/usr/bin/env bash
# Mints a bearer token for a demo user, signed with the local key (scripts/keys.sh).
#   scripts/token.sh customer [userId] [tier]     default user demo-customer-1, no member tier
#   scripts/token.sh merchant [merchantId]        default: the first demo merchant
#   scripts/token.sh warehouse-operator [merchantId] [userId]   warehouse staff of a merchant (default the first)
#   scripts/token.sh admin
# Use: curl -H "Authorization: Bearer $(scripts/token.sh admin)" ...
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
KEYS="${FLASHORDER_KEYS_DIR:-$ROOT/build/keys}"
ISSUER="${FLASHORDER_JWT_ISSUER:-https://flashorder.io}"
TTL_SECONDS="${FLASHORDER_TOKEN_TTL:-86400}"
DEMO_MERCHANT="0190a000-0000-7000-8000-000000000001"
"$ROOT/scripts/keys.sh" >&2

role="${1:-}"
case "$role" in
  customer) subject="${2:-demo-customer-1}"; extra="${3:+,\"tier\":\"$3\"}" ;;
  merchant) subject="merchant-user-${2:-$DEMO_MERCHANT}"; extra=",\"merchant_id\":\"${2:-$DEMO_MERCHANT}\"" ;;
  warehouse-operator) subject="${3:-demo-picker-1}"; extra=",\"merchant_id\":\"${2:-$DEMO_MERCHANT}\"" ;;
  admin) subject="demo-admin"; extra="" ;;
  *) echo "usage: $0 customer [userId] [tier] | merchant [merchantId] | warehouse-operator [merchantId] [userId]" \
       "| admin" >&2; exit 2 ;;
esac

b64url() { openssl base64 -A | tr '+/' '-_' | tr -d '='; }
now=$(date +%s)
header='{"alg":"RS256","typ":"JWT"}'
payload="{\"iss\":\"$ISSUER\",\"sub\":\"$subject\",\"upn\":\"$subject\",\"groups\":[\"$role\"],\"iat\":$now,\"exp\":$((now + TTL_SECONDS)),\"jti\":\"$(openssl rand -hex 12)\"$extra}"
signing_input="$(printf '%s' "$header" | b64url).$(printf '%s' "$payload" | b64url)"
signature=$(printf '%s' "$signing_input" | openssl dgst -sha256 -sign "$KEYS/privateKey.pem" | b64url)
echo "$signing_input.$signature"
