package io.flashorder.logistics.warehouse;

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
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestResponse;

import java.util.UUID;

/** Pick waves and the bins their pick lists walk. */
@Tag(name = "Logistics (merchant)",
        description = "A merchant's parcels, pick waves, packing, carriers, waybills and documents")
@Path("/api/v1/merchant")
@RolesAllowed({Roles.MERCHANT, Roles.WAREHOUSE_OPERATOR})
public class MerchantWaveResource {

    private final WaveService waves;
    private final CurrentUser user;

    public MerchantWaveResource(WaveService waves, CurrentUser user) {
        this.waves = waves;
        this.user = user;
    }

    @Operation(summary = "Create a pick wave over parcels awaiting pick")
    @POST
    @Path("waves")
    @APIResponse(responseCode = "201", description = "The wave, its parcels now PICKING",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = WaveView.class)))
    @APIResponse(responseCode = "409", description = "A parcel does not await pick")
    @APIResponse(responseCode = "422", description = "A parcel leaves from another warehouse")
    public Uni<RestResponse<WaveView>> create(@Valid @NotNull WaveRequest request) {
        return waves.create(user.merchantId(), request, user.userId())
                .map(wave -> RestResponse.status(RestResponse.Status.CREATED, wave));
    }

    /** Newest first. */
    @Operation(summary = "List own pick waves, newest first")
    @GET
    @Path("waves")
    public Uni<Page<WaveView>> list(@QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        return waves.list(user.merchantId(), PageRequest.parse(limit, cursor));
    }

    @Operation(summary = "Get an own pick wave")
    @GET
    @Path("waves/{id}")
    public Uni<WaveView> get(@RestPath UUID id) {
        return waves.get(user.merchantId(), id);
    }

    @Operation(summary = "The pick list of a wave, in bin order")
    @GET
    @Path("waves/{id}/pick-list")
    public Uni<PickListView> pickList(@RestPath UUID id) {
        return waves.pickList(user.merchantId(), id);
    }

    @Operation(summary = "Report a wave picked (addresses re-checked, parcels to packing)")
    @POST
    @Path("waves/{id}/picked")
    public Uni<WavePickedView> picked(@RestPath UUID id) {
        return waves.picked(user.merchantId(), id);
    }

    @Operation(summary = "Set the bin of an own SKU in an own warehouse")
    @PUT
    @Path("stock-bins/{warehouseId}/{skuId}")
    public Uni<BinView> setBin(@RestPath UUID warehouseId, @RestPath UUID skuId, @Valid @NotNull BinRequest request) {
        return waves.setBin(user.merchantId(), warehouseId, skuId, request);
    }
}
