package io.flashorder.catalog.editing;

import io.smallrye.mutiny.Uni;

/**
 * Announces a committed catalog change: this pod's snapshot is reloaded before the returned {@code Uni} completes
 * (so the writer reads its own write), then the other pods are told. Implemented by
 * {@code io.flashorder.catalog.CatalogSnapshotService}, which reads the sub-packages' entities; the sub-packages
 * that write them depend on this interface instead, so there is no cycle between them and the snapshot.
 */
public interface CatalogChanges {

    /** Never fails the caller: a change that could not be announced is picked up by the periodic reload. */
    Uni<Void> changed();
}
