/**
 * Order state machine and transitions: each one a guarded update ({@code WHERE status = expected})
 * under the order's row lock, with its outbox events, then the Redis settlement; and the lifecycle timer jobs.
 */
package io.flashorder.order.lifecycle;
