package io.flashorder.order.query;

import io.flashorder.security.CurrentUser;
import io.flashorder.security.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;

import java.util.UUID;

/** A customer's own orders. */
@Tag(name = "Orders", description = "Placing, reading, cancelling and paying own orders, confirming receipt")
@Path("/api/v1/orders")
@RolesAllowed(Roles.CUSTOMER)
public class OrderResource {

    private final OrderQueries orders;
    private final CurrentUser user;

    public OrderResource(OrderQueries orders, CurrentUser user) {
        this.orders = orders;
        this.user = user;
    }

    @GET
    @Operation(summary = "Get an own order (at once, before PostgreSQL has it)")
    @Path("{id}")
    public Uni<OrderView> get(@RestPath UUID id) {
        return orders.get(user.userId(), id);
    }
}
