/**
 * Hot-SKU stock buckets (issue 14): a campaign item's stock split over several Redis hash slots, so that on a Redis
 * Cluster its sale is no longer capped by one core. {@code StockBuckets} is the layout (which slot each bucket uses,
 * which bucket a buyer belongs to, how a load is split); {@code BucketStockService} loads, reserves (home bucket
 * first, then a bounded fallback over the others), releases to the bucket the units came from, and reads the levels
 * the reconciliation checks. Every script call touches one bucket's slot only.
 */
package io.flashorder.inventory.bucket;
