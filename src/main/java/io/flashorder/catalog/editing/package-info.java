/**
 * What the catalog's editing sub-packages ({@code sku}, {@code warehouse}, {@code campaign}) share below the
 * snapshot that reads them: the announcement of a committed change ({@link io.flashorder.catalog.editing.CatalogChanges}).
 */
package io.flashorder.catalog.editing;
