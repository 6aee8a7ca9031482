/**
 * Shipping hand-off, receipt by the buyer and automatic confirmation; every step locks the order row
 * in a transaction with a statement timeout ({@code Transactions.withStatementTimeout}).
 */
package io.flashorder.fulfilment;
