package io.flashorder.checkout;

import io.flashorder.order.OrderView;
import io.flashorder.platform.Responses;
import io.flashorder.security.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestResponse;

/** Placing an order: 201 with the order, or a problem saying exactly why not (sold out, limit, coupon...). */
@Path("/api/v1/orders")
@RolesAllowed(Roles.CUSTOMER)
public class CheckoutResource {

    private final CheckoutService checkout;

    public CheckoutResource(CheckoutService checkout) {
        this.checkout = checkout;
    }

    @POST
    public Uni<RestResponse<OrderView>> place(@RestHeader("Idempotency-Key") String idempotencyKey,
                                              @Valid @NotNull PlaceOrderRequest request, UriInfo uri) {
        return checkout.place(idempotencyKey, request).map(order -> Responses.created(uri, order.id(), order));
    }
}
