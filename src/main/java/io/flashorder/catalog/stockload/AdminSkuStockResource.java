package io.flashorder.catalog.stockload;

import io.flashorder.catalog.sku.SkuStockView;
import io.flashorder.platform.MerchantScope;
import io.flashorder.security.CurrentUser;
import io.flashorder.security.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
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

/** Any SKU's stock: what Redis counts per warehouse, and loading units into a warehouse. */
@Tag(name = "Catalog (admin)", description = "Merchants, warehouses, SKUs and campaigns, for operators")
@Path("/api/v1/admin/skus/{id}")
@RolesAllowed(Roles.ADMIN)
public class AdminSkuStockResource {

    private final StockLoadService stockLoads;
    private final CurrentUser user;

    public AdminSkuStockResource(StockLoadService stockLoads, CurrentUser user) {
        this.stockLoads = stockLoads;
        this.user = user;
    }

    @GET
    @Operation(summary = "A SKU's stock per warehouse as Redis counts it")
    @Path("stock")
    public Uni<SkuStockView> stock(@RestPath UUID id) {
        return stockLoads.stockOf(MerchantScope.admin(), id);
    }

    @POST
    @Operation(summary = "Load units of a SKU into a warehouse")
    @Path("stock-loads")
    @APIResponse(responseCode = "201", description = "Applied: Redis has the units (status APPLIED)",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = StockLoadView.class)))
    @APIResponse(responseCode = "202",
            description = "Recorded but Redis was unreachable: applied by a job within seconds (status PENDING)",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = StockLoadView.class)))
    public Uni<RestResponse<StockLoadView>> loadStock(@RestPath UUID id, @Valid @NotNull StockLoadRequest request) {
        return stockLoads.loadSku(MerchantScope.admin(), id, request, user.userId()).map(StockLoadResponses::of);
    }
}
