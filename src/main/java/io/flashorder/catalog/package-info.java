/**
 * Merchants, warehouses, SKUs, campaigns and stock loads (one sub-package each), and the in-memory
 * {@link io.flashorder.catalog.CatalogSnapshot} the hot path reads. Writes are Panache transactions followed by
 * {@code CatalogSnapshotService.changed()}, so the writer reads its own write and the other pods reload.
 */
package io.flashorder.catalog;
