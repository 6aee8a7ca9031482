package io.flashorder.catalog.warehouse;

import io.flashorder.platform.MerchantScope;
import io.flashorder.platform.Responses;
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
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestResponse;

import java.util.UUID;

/** A merchant's own warehouses; every call is scoped to the merchant named by the token. */
@Tag(name = "Catalog (merchant)", description = "A merchant's own SKUs and warehouses")
@Path("/api/v1/merchant/warehouses")
@RolesAllowed(Roles.MERCHANT)
public class MerchantWarehouseResource {

    private final WarehouseService warehouses;
    private final CurrentUser user;

    public MerchantWarehouseResource(WarehouseService warehouses, CurrentUser user) {
        this.warehouses = warehouses;
        this.user = user;
    }

    @POST
    @Operation(summary = "Create an own warehouse")
    @APIResponse(responseCode = "201", description = "The new warehouse; Location is its URL",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = WarehouseView.class)))
    public Uni<RestResponse<WarehouseView>> create(@Valid @NotNull WarehouseRequest request, UriInfo uri) {
        return warehouses.create(scope(), request).map(created -> Responses.created(uri, created.id(), created));
    }

    @GET
    @Operation(summary = "List own warehouses")
    public Uni<Page<WarehouseView>> list(@QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        return warehouses.list(scope(), PageRequest.parse(limit, cursor));
    }

    @GET
    @Operation(summary = "Get an own warehouse")
    @Path("{id}")
    public Uni<WarehouseView> get(@RestPath UUID id) {
        return warehouses.get(scope(), id);
    }

    @PUT
    @Operation(summary = "Replace an own warehouse")
    @Path("{id}")
    @APIResponse(responseCode = "409",
            description = "Changed by another request meanwhile (concurrent-update): read it again and retry")
    @APIResponseSchema(value = WarehouseView.class, responseCode = "200",
            responseDescription = "The updated resource")
    public Uni<WarehouseView> update(@RestPath UUID id, @Valid @NotNull WarehouseRequest request) {
        return warehouses.update(scope(), id, request);
    }

    private MerchantScope scope() {
        return MerchantScope.merchant(user.merchantId());
    }
}
