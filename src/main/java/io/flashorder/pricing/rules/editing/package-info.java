/**
 * What the rule editors ({@code coupontemplate}, {@code membertier}, {@code promotion}, {@code shipping}) share below
 * the rules cache that reads them: checks of a proposed rule ({@link io.flashorder.pricing.rules.editing.RuleChecks},
 * {@link io.flashorder.pricing.rules.editing.CatalogChecks}) and the announcement of a committed one
 * ({@link io.flashorder.pricing.rules.editing.RuleChanges}).
 */
package io.flashorder.pricing.rules.editing;
