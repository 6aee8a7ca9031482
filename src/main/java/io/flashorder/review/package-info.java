/**
 * The risk review queue (审单): a scorer run in the payment transaction (off the placement hot path: the Lua
 * reservation stays the only gate that refuses) holds a suspicious paid order for review; operators approve or
 * reject it (rejection refunds through after-sales), and a review that waits too long is approved. It blocks the
 * hand-off through fulfilment's {@code HandOffStep}, so it sits above fulfilment, after-sales and logistics.
 */
package io.flashorder.review;
