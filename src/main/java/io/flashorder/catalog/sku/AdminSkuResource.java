package io.flashorder.catalog.sku;

import io.flashorder.platform.MerchantScope;
import io.flashorder.platform.Responses;
import io.flashorder.platform.page.Page;
import io.flashorder.platform.page.PageRequest;
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

@Tag(name = "Catalog (admin)", description = "Merchants, warehouses, SKUs and campaigns, for operators")
@Path("/api/v1/admin/skus")
@RolesAllowed(Roles.ADMIN)
public class AdminSkuResource {

    private final SkuService skus;

    public AdminSkuResource(SkuService skus) {
        this.skus = skus;
    }

    @POST
    @Operation(summary = "Create a SKU")
    @APIResponse(responseCode = "201", description = "The new SKU; Location is its URL",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = SkuView.class)))
    public Uni<RestResponse<SkuView>> create(@Valid @NotNull SkuRequest request, UriInfo uri) {
        return skus.create(MerchantScope.admin(), request).map(created -> Responses.created(uri, created.id(), created));
    }

    @GET
    @Operation(summary = "List SKUs")
    public Uni<Page<SkuView>> list(@QueryParam("merchantId") UUID merchantId,
                                   @QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        MerchantScope scope = merchantId == null ? MerchantScope.admin() : MerchantScope.merchant(merchantId);
        return skus.list(scope, PageRequest.parse(limit, cursor));
    }

    @GET
    @Operation(summary = "Get a SKU")
    @Path("{id}")
    public Uni<SkuView> get(@RestPath UUID id) {
        return skus.get(MerchantScope.admin(), id);
    }

    @PUT
    @Operation(summary = "Replace a SKU")
    @Path("{id}")
    @APIResponse(responseCode = "409",
            description = "Changed by another request meanwhile (concurrent-update): read it again and retry")
    @APIResponseSchema(value = SkuView.class, responseCode = "200", responseDescription = "The updated resource")
    public Uni<SkuView> update(@RestPath UUID id, @Valid @NotNull SkuRequest request) {
        return skus.update(MerchantScope.admin(), id, request);
    }
}
