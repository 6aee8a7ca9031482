package io.flashorder.catalog;

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
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestResponse;

import java.util.UUID;

@Path("/api/v1/admin/campaigns")
@RolesAllowed(Roles.ADMIN)
public class AdminCampaignResource {

    private final CampaignService campaigns;
    private final StockLoadService stockLoads;
    private final CurrentUser user;

    public AdminCampaignResource(CampaignService campaigns, StockLoadService stockLoads, CurrentUser user) {
        this.campaigns = campaigns;
        this.stockLoads = stockLoads;
        this.user = user;
    }

    @POST
    public Uni<RestResponse<CampaignView>> create(@Valid @NotNull CampaignRequest request, UriInfo uri) {
        return campaigns.create(request).map(created -> Responses.created(uri, created.id(), created));
    }

    @GET
    public Uni<Page<CampaignView>> list(@QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        return campaigns.list(PageRequest.parse(limit, cursor));
    }

    @GET
    @Path("{id}")
    public Uni<CampaignView> get(@RestPath UUID id) {
        return campaigns.get(id);
    }

    @PUT
    @Path("{id}")
    public Uni<CampaignView> update(@RestPath UUID id, @Valid @NotNull CampaignRequest request) {
        return campaigns.update(id, request);
    }

    /** Loads into Redis the campaign stock configured beyond what was loaded before, in one atomic step. */
    @POST
    @Path("{id}/stock-loads")
    public Uni<RestResponse<StockLoadView>> loadStock(@RestPath UUID id) {
        return campaigns.get(id)
                .chain(campaign -> stockLoads.loadCampaign(campaign.id(), user.userId()))
                .map(StockLoadResponses::of);
    }

    @GET
    @Path("{id}/stock")
    public Uni<CampaignStockView> stock(@RestPath UUID id) {
        return campaigns.stockOf(id);
    }
}
