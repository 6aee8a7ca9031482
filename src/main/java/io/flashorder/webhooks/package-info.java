/**
 * Merchant webhook delivery: reads the event streams, signs each delivery and retries with back-off until
 * the dead-letter stream. Top of the graph: no feature depends on it.
 */
package io.flashorder.webhooks;
