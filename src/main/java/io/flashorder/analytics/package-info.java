/**
 * Order analytics: a consumer of the order event stream (its own consumer group, each event applied once by its
 * id) keeps per merchant a timeline of each merchant order and rollups by hour and day: orders, GMV, paid and
 * cancelled (with reasons), stage-duration histograms per warehouse and carrier, units sold and in after-sale cases
 * per SKU and reason, campaign funnels. Merchant and admin APIs read only rollups, over bounded date ranges.
 */
package io.flashorder.analytics;
