package io.flashorder.logistics.carrier;

import io.flashorder.logistics.warehouse.ParcelView;
import io.flashorder.security.CurrentUser;
import io.flashorder.security.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;

import java.util.UUID;

/** Books a READY parcel's waybill with the carrier the merchant's rules choose. */
@Tag(name = "Logistics (merchant)",
        description = "A merchant's parcels, pick waves, packing, carriers, waybills and documents")
@Path("/api/v1/merchant/parcels/{id}/waybill")
@RolesAllowed(Roles.MERCHANT)
public class MerchantWaybillResource {

    private final WaybillService waybills;
    private final CurrentUser user;

    public MerchantWaybillResource(WaybillService waybills, CurrentUser user) {
        this.waybills = waybills;
        this.user = user;
    }

    @Operation(summary = "Book the waybill of a ready parcel with the carrier the rules choose")
    @POST
    @APIResponse(responseCode = "409", description = "The parcel is not READY, or already has a waybill")
    @APIResponse(responseCode = "422", description = "No carrier rule takes the parcel (no-eligible-carrier)")
    public Uni<ParcelView> book(@RestPath UUID id) {
        return waybills.book(user.merchantId(), id);
    }
}
