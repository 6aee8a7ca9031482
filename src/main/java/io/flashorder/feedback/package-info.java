/**
 * Buyer feedback: a rating per completed merchant order (goods, service, delivery; tags; a comment masked of
 * personal data) within a window, the merchant's one reply, and summaries per merchant and SKU from rollups kept
 * in the rating's transaction. Reaches orders through {@code order.query.OrderQueries} and SKUs through the
 * catalog snapshot.
 */
package io.flashorder.feedback;
