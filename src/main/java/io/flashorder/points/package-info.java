/**
 * Member points (积分): a ledger per buyer in PostgreSQL (append-only, balance = sum of the entries, FIFO expiry),
 * earned when a merchant order completes, clawed back in proportion to refunds after that, adjusted by operators.
 * Between order and checkout: it reads orders through the order feature's service, and the lifecycle features
 * (fulfilment, after-sales) call into it inside their own transactions.
 */
package io.flashorder.points;
