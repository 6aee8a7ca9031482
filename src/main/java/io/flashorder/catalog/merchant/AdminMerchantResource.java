package io.flashorder.catalog.merchant;

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
@Path("/api/v1/admin/merchants")
@RolesAllowed(Roles.ADMIN)
public class AdminMerchantResource {

    private final MerchantService merchants;

    public AdminMerchantResource(MerchantService merchants) {
        this.merchants = merchants;
    }

    @POST
    @Operation(summary = "Create a merchant")
    @APIResponse(responseCode = "201", description = "The new merchant; Location is its URL",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = MerchantView.class)))
    public Uni<RestResponse<MerchantView>> create(@Valid @NotNull MerchantRequest request, UriInfo uri) {
        return merchants.create(request).map(created -> Responses.created(uri, created.id(), created));
    }

    @GET
    @Operation(summary = "List merchants")
    public Uni<Page<MerchantView>> list(@QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        return merchants.list(PageRequest.parse(limit, cursor));
    }

    @GET
    @Operation(summary = "Get a merchant")
    @Path("{id}")
    public Uni<MerchantView> get(@RestPath UUID id) {
        return merchants.get(id);
    }

    @PUT
    @Operation(summary = "Replace a merchant")
    @Path("{id}")
    @APIResponse(responseCode = "409",
            description = "Changed by another request meanwhile (concurrent-update): read it again and retry")
    @APIResponseSchema(value = MerchantView.class, responseCode = "200", responseDescription = "The updated resource")
    public Uni<MerchantView> update(@RestPath UUID id, @Valid @NotNull MerchantRequest request) {
        return merchants.update(id, request);
    }
}
