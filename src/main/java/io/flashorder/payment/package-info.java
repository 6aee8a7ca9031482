/**
 * Payment sessions, signed provider callbacks and late payments (revive or refund).
 */
package io.flashorder.payment;
