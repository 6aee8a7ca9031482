package io.flashorder.catalog.stockload;

import io.flashorder.catalog.campaign.CampaignService;
import io.flashorder.security.CurrentUser;
import io.flashorder.security.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestResponse;

import java.util.UUID;

/** Loads into Redis the campaign stock configured beyond what was loaded before, in one atomic step. */
@Tag(name = "Catalog (admin)", description = "Merchants, warehouses, SKUs and campaigns, for operators")
@Path("/api/v1/admin/campaigns/{id}/stock-loads")
@RolesAllowed(Roles.ADMIN)
public class AdminCampaignStockLoadResource {

    private final CampaignService campaigns;
    private final StockLoadService stockLoads;
    private final CurrentUser user;

    public AdminCampaignStockLoadResource(CampaignService campaigns, StockLoadService stockLoads, CurrentUser user) {
        this.campaigns = campaigns;
        this.stockLoads = stockLoads;
        this.user = user;
    }

    @POST
    @Operation(summary = "Load each item's campaign stock into Redis (only what was not loaded before)")
    @APIResponse(responseCode = "201", description = "Applied: Redis has the units (status APPLIED)",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = StockLoadView.class)))
    @APIResponse(responseCode = "202",
            description = "Recorded but Redis was unreachable: applied by a job within seconds (status PENDING)",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = StockLoadView.class)))
    public Uni<RestResponse<StockLoadView>> loadStock(@RestPath UUID id) {
        return campaigns.get(id)
                .chain(campaign -> stockLoads.loadCampaign(campaign.id(), user.userId()))
                .map(StockLoadResponses::of);
    }
}
