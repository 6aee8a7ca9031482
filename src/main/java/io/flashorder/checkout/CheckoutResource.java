package io.flashorder.checkout;

import io.flashorder.order.query.OrderView;
import io.flashorder.platform.Responses;
import io.flashorder.security.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestResponse;

/** Placing an order: 201 with the order, or a problem saying exactly why not (sold out, limit, coupon...). */
@Tag(name = "Orders", description = "Placing, reading, cancelling and paying own orders, confirming receipt")
@Path("/api/v1/orders")
@RolesAllowed(Roles.CUSTOMER)
public class CheckoutResource {

    private final CheckoutService checkout;

    public CheckoutResource(CheckoutService checkout) {
        this.checkout = checkout;
    }

    @POST
    @Operation(summary = "Place an order (idempotent by Idempotency-Key)")
    @APIResponse(responseCode = "201",
            description = "Accepted (or the same order again for the same Idempotency-Key and body); Location is its URL",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = OrderView.class)))
    @APIResponse(responseCode = "403",
            description = "The buyer, phone or address is blacklisted (order-refused), or the token is not a "
            + "customer's")
    @APIResponse(responseCode = "409",
            description = "Not enough stock (sold-out, naming each SKU), the campaign's per-buyer limit "
            + "(purchase-limit-exceeded) or a coupon held by another order (coupon-unavailable)")
    @APIResponse(responseCode = "422",
            description = "The Idempotency-Key was used for another body, or the cart cannot be priced (unknown "
            + "SKU, campaign not live, coupon not applicable...)")
    @APIResponse(responseCode = "429",
            description = "Too many placements in the window (rate-limited); see Retry-After")
    public Uni<RestResponse<OrderView>> place(@RestHeader("Idempotency-Key") String idempotencyKey,
                                              @Parameter(description = "Optional id of the client's device (8-128 of "
                                                      + "A-Z a-z 0-9 . _ : + / = -); stored only hashed, for the risk "
                                                      + "review")
                                              @RestHeader(DeviceFingerprint.HEADER) String deviceFingerprint,
                                              @RequestBody(required = true) PlaceOrderRequest request,
                                              UriInfo uri) {
        PlaceOrderRequest.requireValid(request);
        return checkout.place(idempotencyKey, deviceFingerprint, request)
                .map(order -> Responses.created(uri, order.id(), order));
    }
}
