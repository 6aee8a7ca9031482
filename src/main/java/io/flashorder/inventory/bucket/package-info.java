/**
 * Hot-SKU stock buckets (issue 14): a campaign item's stock split over several Redis hash slots, so that on a Redis
 * Cluster its sale is no longer capped by one core. {@code StockBuckets} is the layout (which slot each bucket uses,
 * which bucket a buyer belongs to, how a load is split, the order a fallback asks the others in);
 * {@code BucketStockService} loads a campaign item's stock split over its buckets and reads the levels per bucket.
 * Orders are placed in the buckets by checkout ({@code checkout.StockPlacement}); every script call touches one
 * bucket's slot only.
 */
package io.flashorder.inventory.bucket;
