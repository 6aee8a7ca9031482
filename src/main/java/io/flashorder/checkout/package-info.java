/**
 * The place-order pipeline: validate, risk, price, reserve in one Redis script, answer 201.
 */
package io.flashorder.checkout;
