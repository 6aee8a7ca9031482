package io.flashorder.order.writer;

import io.smallrye.mutiny.Uni;

import java.util.List;

/**
 * What becomes of the accepted orders PostgreSQL refused to store: the lifecycle cancels them and releases their
 * stock ({@code order.lifecycle.RefusedOrders}). An interface here so that the writer, which the lifecycle relies on
 * ({@link OrderPersistence}), does not depend on the lifecycle in turn.
 */
public interface RefusedOrderCancellation {

    /** Fails only when PostgreSQL or Redis cannot be reached, so the writer acknowledges nothing and tries again. */
    Uni<Void> cancel(List<PersistableOrder> refused);
}
