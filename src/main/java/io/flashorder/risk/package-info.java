/**
 * Risk control before a placement reaches the stock: blacklists, placement rate and the fingerprints the
 * reservation script checks.
 */
package io.flashorder.risk;
