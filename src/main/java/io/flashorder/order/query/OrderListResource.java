package io.flashorder.order.query;

import io.flashorder.platform.page.Page;
import io.flashorder.platform.page.PageRequest;
import io.flashorder.security.CurrentUser;
import io.flashorder.security.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** GET /api/v1/orders: the caller's own orders, newest first, optionally of one status. */
@Tag(name = "Orders", description = "Placing, reading, cancelling and paying own orders, confirming receipt")
@Path("/api/v1/orders")
@RolesAllowed(Roles.CUSTOMER)
public class OrderListResource {

    private final OrderListService lists;
    private final CurrentUser user;

    public OrderListResource(OrderListService lists, CurrentUser user) {
        this.lists = lists;
        this.user = user;
    }

    @GET
    @Operation(summary = "List own orders, newest first (keyset pagination)")
    public Uni<Page<OrderSummary>> list(@QueryParam("status") String status, @QueryParam("limit") String limit,
                                        @QueryParam("cursor") String cursor) {
        return lists.buyerOrders(user.userId(), OrderListFilter.parse(status, null, null),
                PageRequest.parse(limit, cursor));
    }
}
