package io.flashorder.order.query;

import io.flashorder.platform.error.ApiException;
import io.flashorder.security.CurrentUser;
import io.flashorder.security.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import org.jboss.resteasy.reactive.RestPath;

import java.util.UUID;

/** A customer's own orders. */
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
    @Path("{id}")
    public Uni<OrderView> get(@RestPath String id) {
        return orders.get(user.userId(), orderId(id));
    }

    /** A malformed id names no order: the same 404 as an unknown one. */
    private static UUID orderId(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ApiException.notFound("order", id.length() > 64 ? id.substring(0, 64) + "..." : id);
        }
    }
}
