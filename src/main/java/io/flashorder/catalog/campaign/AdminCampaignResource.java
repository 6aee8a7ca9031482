package io.flashorder.catalog.campaign;

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
@Path("/api/v1/admin/campaigns")
@RolesAllowed(Roles.ADMIN)
public class AdminCampaignResource {

    private final CampaignService campaigns;

    public AdminCampaignResource(CampaignService campaigns) {
        this.campaigns = campaigns;
    }

    @POST
    @Operation(summary = "Create a campaign")
    @APIResponse(responseCode = "201", description = "The new campaign; Location is its URL",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = CampaignView.class)))
    public Uni<RestResponse<CampaignView>> create(@Valid @NotNull CampaignRequest request, UriInfo uri) {
        return campaigns.create(request).map(created -> Responses.created(uri, created.id(), created));
    }

    @GET
    @Operation(summary = "List campaigns")
    public Uni<Page<CampaignView>> list(@QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        return campaigns.list(PageRequest.parse(limit, cursor));
    }

    @GET
    @Operation(summary = "Get a campaign")
    @Path("{id}")
    public Uni<CampaignView> get(@RestPath UUID id) {
        return campaigns.get(id);
    }

    @PUT
    @Operation(summary = "Replace a campaign")
    @Path("{id}")
    @APIResponse(responseCode = "409",
            description = "Changed by another request meanwhile (concurrent-update): read it again and retry")
    @APIResponseSchema(value = CampaignView.class, responseCode = "200", responseDescription = "The updated resource")
    public Uni<CampaignView> update(@RestPath UUID id, @Valid @NotNull CampaignRequest request) {
        return campaigns.update(id, request);
    }

    @GET
    @Operation(summary = "A campaign's stock as Redis counts it")
    @Path("{id}/stock")
    public Uni<CampaignStockView> stock(@RestPath UUID id) {
        return campaigns.stockOf(id);
    }
}
