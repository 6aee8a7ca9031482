/**
 * Merchants, warehouses, SKUs, campaigns and stock loads (one sub-package each), and at the root the in-memory
 * {@link io.flashorder.catalog.CatalogSnapshot} the hot path reads, built from them. Writes are Panache transactions
 * followed by {@code CatalogChanges.changed()} ({@code editing}, below the sub-packages; the snapshot service
 * implements it), so the writer reads its own write and the other pods reload, and no sub-package depends on the
 * root that reads it. Stock loads sit above SKUs and campaigns, with the stock endpoints of both.
 */
package io.flashorder.catalog;
