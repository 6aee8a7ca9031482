package io.flashorder.logistics.address;

import io.flashorder.security.CurrentUser;
import io.flashorder.security.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;

import java.util.UUID;

/** The buyer changes where its paid order goes, until the merchant starts packing it. */
@Tag(name = "Orders", description = "Placing, reading, cancelling and paying own orders, confirming receipt")
@Path("/api/v1/orders/{id}/shipping-address")
@RolesAllowed(Roles.CUSTOMER)
public class BuyerAddressResource {

    private final AddressChangeService changes;
    private final CurrentUser user;

    public BuyerAddressResource(AddressChangeService changes, CurrentUser user) {
        this.changes = changes;
        this.user = user;
    }

    @Operation(summary = "Replace the delivery address of an own paid order (until packing)")
    @PUT
    @APIResponse(responseCode = "409", description = "A parcel is past PICKING (parcel-past-picking), was merged "
            + "with another order (parcel-shared), or the order is not paid or has ended (order-status)")
    @APIResponse(responseCode = "422", description = "A merchant of the order does not ship to the new region")
    public Uni<AddressChangeView> replace(@RestPath UUID id, @Valid @NotNull ShippingAddressRequest request) {
        return changes.change(user.userId(), id, request, true);
    }

    @Operation(summary = "Change some fields of the delivery address of an own paid order (until packing)")
    @PATCH
    @APIResponse(responseCode = "409", description = "As for PUT")
    @APIResponse(responseCode = "422", description = "As for PUT")
    public Uni<AddressChangeView> patch(@RestPath UUID id, @Valid @NotNull ShippingAddressRequest request) {
        return changes.change(user.userId(), id, request, false);
    }
}
