package io.flashorder.fulfilment;

import io.flashorder.security.CurrentUser;
import io.flashorder.security.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Batch hand-off: many merchant orders in one call, each shipped or refused on its own (always 200). */
@Tag(name = "Merchant orders", description = "A merchant's own merchant orders: lists and shipping")
@Path("/api/v1/merchant/shipments")
@RolesAllowed(Roles.MERCHANT)
public class MerchantShipmentResource {

    private final ShipmentService shipments;
    private final CurrentUser user;

    public MerchantShipmentResource(ShipmentService shipments, CurrentUser user) {
        this.shipments = shipments;
        this.user = user;
    }

    @POST
    @Operation(summary = "Ship up to 100 merchant orders, each on its own")
    public Uni<BatchShipResult> shipAll(@Valid @NotNull BatchShipRequest request) {
        return shipments.shipAll(user.merchantId(), request);
    }
}
