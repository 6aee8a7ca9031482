/**
 * Read side of orders: a buyer's order (read-through to the Redis hold before PostgreSQL has it),
 * and keyset-paginated lists for buyers and merchants.
 */
package io.flashorder.order.query;
