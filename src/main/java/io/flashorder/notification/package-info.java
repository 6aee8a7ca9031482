/**
 * Buyer notices by email (SMTP, Quarkus Mailer) and SMS ({@code SmsProvider}): read from the order event stream with
 * the consumer group {@code notifications} (at least once), sent once per (event, channel), in the buyer's language,
 * as the buyer's preferences allow. Above aftersale and logistics, next to webhooks: it reads the orders it speaks of
 * through the order feature's service.
 */
package io.flashorder.notification;
