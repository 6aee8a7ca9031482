/**
 * The order writer: reads the placed-orders stream as a consumer group and inserts batches into
 * PostgreSQL idempotently, then acknowledges; entries PostgreSQL refuses are cancelled and their stock released.
 */
package io.flashorder.order.writer;
