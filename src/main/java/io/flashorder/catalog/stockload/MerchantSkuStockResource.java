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

/** The stock of a merchant's own SKU; every call is scoped to the merchant named by the token. */
@Tag(name = "Catalog (merchant)", description = "A merchant's own SKUs and warehouses")
@Path("/api/v1/merchant/skus/{id}")
@RolesAllowed(Roles.MERCHANT)
public class MerchantSkuStockResource {

    private final StockLoadService stockLoads;
    private final CurrentUser user;

    public MerchantSkuStockResource(StockLoadService stockLoads, CurrentUser user) {
        this.stockLoads = stockLoads;
        this.user = user;
    }

    @GET
    @Operation(summary = "An own SKU's stock per warehouse as Redis counts it")
    @Path("stock")
    public Uni<SkuStockView> stock(@RestPath UUID id) {
        return stockLoads.stockOf(scope(), id);
    }

    @POST
    @Operation(summary = "Load units of an own SKU into an own warehouse")
    @Path("stock-loads")
    @APIResponse(responseCode = "201", description = "Applied: Redis has the units (status APPLIED)",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = StockLoadView.class)))
    @APIResponse(responseCode = "202",
            description = "Recorded but Redis was unreachable: applied by a job within seconds (status PENDING)",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = StockLoadView.class)))
    public Uni<RestResponse<StockLoadView>> loadStock(@RestPath UUID id, @Valid @NotNull StockLoadRequest request) {
        return stockLoads.loadSku(scope(), id, request, user.userId()).map(StockLoadResponses::of);
    }

    private MerchantScope scope() {
        return MerchantScope.merchant(user.merchantId());
    }
}
