#!/usr/bin/env bash
# Sourced by the load tests and scripts/image.sh --smoke: creates a flash sale through the admin API of a running
# Flashorder at $BASE (a merchant, a warehouse, a shipping template, two SKUs with warehouse stock, a live campaign
# over both, its stock loaded into Redis). Sets MERCHANT, WAREHOUSE, PLENTY, SCARCE, CAMPAIGN.
#   sale_setup <plenty campaign stock> <scarce campaign stock> [per-user limit]
# Needs ADMIN (a bearer token, scripts/token.sh admin) and BASE.

api() { curl -fsS -H "Authorization: Bearer $ADMIN" -H 'Content-Type: application/json' "$@"; }
field() { python3 -c "import json,sys; print(json.load(sys.stdin)['$1'])"; }

sale_setup() {
  local plenty_stock=$1 scarce_stock=$2 per_user_limit=${3:-1000}
  MERCHANT=$(api -d '{"name":"Flash merchant"}' "$BASE/api/v1/admin/merchants" | field id)
  WAREHOUSE=$(api -d "{\"merchantId\":\"$MERCHANT\",\"name\":\"Flash hub\",\"regionCode\":\"NORTH\"}" \
    "$BASE/api/v1/admin/warehouses" | field id)
  sku() { api -d "{\"merchantId\":\"$MERCHANT\",\"title\":\"$1\",\"listPrice\":19900,\"currency\":\"EUR\",\"weightGrams\":300,\"lowStockThreshold\":10}" \
    "$BASE/api/v1/admin/skus" | field id; }
  PLENTY=$(sku "Flash plenty")
  SCARCE=$(sku "Flash scarce")
  api -d "{\"merchantId\":\"$MERCHANT\",\"regionCode\":\"*\",\"firstWeightGrams\":1000,\"firstWeightPrice\":500,\"stepGrams\":500,\"stepPrice\":200,\"freeShippingThreshold\":9900,\"currency\":\"EUR\"}" \
    "$BASE/api/v1/admin/shipping-templates" >/dev/null
  api -d "{\"warehouseId\":\"$WAREHOUSE\",\"quantity\":$((plenty_stock + 1000))}" "$BASE/api/v1/admin/skus/$PLENTY/stock-loads" >/dev/null
  api -d "{\"warehouseId\":\"$WAREHOUSE\",\"quantity\":$((scarce_stock + 1000))}" "$BASE/api/v1/admin/skus/$SCARCE/stock-loads" >/dev/null
  local now end
  now=$(date -u +%Y-%m-%dT%H:%M:%SZ)
  end=$(date -u -d '+1 day' +%Y-%m-%dT%H:%M:%SZ)
  # An hour to pay: no order expires during a long run (accepted orders are counted as held units at the end).
  CAMPAIGN=$(api -d "{\"name\":\"Flash sale\",\"startsAt\":\"$now\",\"endsAt\":\"$end\",\"perUserLimit\":$per_user_limit,\"paymentTimeoutSeconds\":3600,
    \"items\":[{\"skuId\":\"$PLENTY\",\"campaignPrice\":9900,\"campaignStock\":$plenty_stock},{\"skuId\":\"$SCARCE\",\"campaignPrice\":9900,\"campaignStock\":$scarce_stock}]}" \
    "$BASE/api/v1/admin/campaigns" | field id)
  api -X POST "$BASE/api/v1/admin/campaigns/$CAMPAIGN/stock-loads" >/dev/null
}
