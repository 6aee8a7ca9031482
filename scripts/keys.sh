#!/usr/bin/env bash
# Generates the local (dev and test) secrets under build/keys once; never committed.
#   privateKey.pem / publicKey.pem  RSA pair: the JWT signing key (tokens minted by scripts/token.sh and tests)
#                                   and the key the service verifies bearer tokens with.
#   pii-key-ring                    AES-256 key ring ("1:<base64>") encrypting names, phones and addresses.
#   sandbox-webhook-secret          the sandbox payment gateway's callback signing secret (HMAC-SHA256).
#   sandbox-carrier-secret          the sandbox carrier's tracking callback signing secret (HMAC-SHA256).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
KEYS="${FLASHORDER_KEYS_DIR:-$ROOT/build/keys}"
mkdir -p "$KEYS"
if [[ ! -s "$KEYS/privateKey.pem" || ! -s "$KEYS/publicKey.pem" ]]; then
  echo "[keys] generating a local JWT key pair in $KEYS"
  openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$KEYS/privateKey.pem" 2>/dev/null
  openssl pkey -in "$KEYS/privateKey.pem" -pubout -out "$KEYS/publicKey.pem"
  chmod 600 "$KEYS/privateKey.pem"
fi
if [[ ! -s "$KEYS/pii-key-ring" ]]; then
  echo "[keys] generating a local PII encryption key in $KEYS"
  (umask 077; echo "1:$(openssl rand -base64 32)" >"$KEYS/pii-key-ring")
fi
if [[ ! -s "$KEYS/sandbox-webhook-secret" ]]; then
  echo "[keys] generating a local sandbox payment webhook secret in $KEYS"
  (umask 077; openssl rand -hex 32 >"$KEYS/sandbox-webhook-secret")
fi
if [[ ! -s "$KEYS/sandbox-carrier-secret" ]]; then
  echo "[keys] generating a local sandbox carrier callback secret in $KEYS"
  (umask 077; openssl rand -hex 32 >"$KEYS/sandbox-carrier-secret")
fi
