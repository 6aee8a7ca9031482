package io.flashorder.logistics.warehouse;

import io.flashorder.platform.error.ApiException;
import io.flashorder.platform.page.Page;
import io.flashorder.platform.page.PageRequest;
import io.flashorder.security.CurrentUser;
import io.flashorder.security.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;

import java.util.UUID;

/** A merchant's parcels (one per warehouse and merchant order): lists, merge, packing, review, hand-over. */
@Tag(name = "Logistics (merchant)",
        description = "A merchant's parcels, pick waves, packing, carriers, waybills and documents")
@Path("/api/v1/merchant/parcels")
@RolesAllowed(Roles.MERCHANT)
public class MerchantParcelResource {

    private final ParcelService parcels;
    private final CurrentUser user;

    public MerchantParcelResource(ParcelService parcels, CurrentUser user) {
        this.parcels = parcels;
        this.user = user;
    }

    /** Oldest first; {@code status} (AWAITING_PICK, PICKING, PACKING, READY, SHIPPED, ..., MERGED, CANCELLED), {@code warehouseId}. */
    @Operation(summary = "List own parcels, oldest first, by status and warehouse")
    @GET
    public Uni<Page<ParcelView>> list(@QueryParam("status") String status,
                                      @QueryParam("warehouseId") String warehouseId,
                                      @QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        return parcels.list(user.merchantId(), status == null || status.isBlank() ? null : ParcelStatus.parse(status),
                uuidOrNull(warehouseId, "warehouseId"), PageRequest.parse(limit, cursor));
    }

    /** How many parcels are in each status (the console's tabs). */
    @Operation(summary = "Count own parcels per status")
    @GET
    @Path("counts")
    public Uni<ParcelCounts> counts() {
        return parcels.counts(user.merchantId());
    }

    @Operation(summary = "Get an own parcel")
    @GET
    @Path("{id}")
    public Uni<ParcelView> get(@RestPath UUID id) {
        return parcels.get(user.merchantId(), id);
    }

    @Operation(summary = "Merge own parcels of one buyer, address and warehouse")
    @POST
    @Path("merge")
    @APIResponse(responseCode = "409", description = "A parcel does not await pick, or goes elsewhere")
    public Uni<ParcelView> merge(@Valid @NotNull MergeRequest request) {
        return parcels.merge(user.merchantId(), request);
    }

    @Operation(summary = "Start packing a picked parcel after its address re-check")
    @POST
    @Path("{id}/packing")
    @APIResponse(responseCode = "409", description = "The parcel is not PICKING")
    @APIResponse(responseCode = "422", description = "Its address fails the re-check (address-not-shippable)")
    public Uni<ParcelView> startPacking(@RestPath UUID id) {
        return parcels.startPacking(user.merchantId(), id);
    }

    @Operation(summary = "Review a packed parcel against the scanned units and its weight")
    @POST
    @Path("{id}/packing-review")
    @APIResponse(responseCode = "409", description = "The parcel is not PACKING")
    @APIResponse(responseCode = "422", description = "The scan differs from the parcel (packing-mismatch, differences)")
    public Uni<PackingReviewView> review(@RestPath UUID id, @Valid @NotNull PackingReviewRequest request) {
        return parcels.review(user.merchantId(), id, request, user.userId());
    }

    @Operation(summary = "Hand a ready parcel to its carrier")
    @POST
    @Path("{id}/handover")
    @APIResponse(responseCode = "409", description = "The parcel is not READY, or has another waybill booked")
    @APIResponse(responseCode = "422", description = "No waybill booked and no carrier given (waybill-missing)")
    public Uni<ParcelView> handOver(@RestPath UUID id, @Valid @NotNull HandOverRequest request) {
        return parcels.handOver(user.merchantId(), id, request);
    }

    static UUID uuidOrNull(String value, String field) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return UUID.fromString(value.strip());
        } catch (IllegalArgumentException e) {
            throw ApiException.invalidField(field, "must be a UUID");
        }
    }
}
