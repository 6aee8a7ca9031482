/**
 * The order aggregate. The model (placed order, statuses, payloads) is at the root; {@code writer} persists
 * the placed-orders stream to PostgreSQL, {@code lifecycle} moves orders through the state machine with guarded
 * updates under row locks, {@code query} answers views and lists, {@code recovery} heals Redis from PostgreSQL.
 * Hot path and batch work use the reactive SQL client, passing the {@code SqlConnection} down.
 */
package io.flashorder.order;
