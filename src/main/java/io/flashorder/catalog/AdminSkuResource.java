package io.flashorder.catalog;

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
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestResponse;

import java.util.UUID;

@Path("/api/v1/admin/skus")
@RolesAllowed(Roles.ADMIN)
public class AdminSkuResource {

    private final SkuService skus;
    private final StockLoadService stockLoads;
    private final CurrentUser user;

    public AdminSkuResource(SkuService skus, StockLoadService stockLoads, CurrentUser user) {
        this.skus = skus;
        this.stockLoads = stockLoads;
        this.user = user;
    }

    @POST
    public Uni<RestResponse<SkuView>> create(@Valid @NotNull SkuRequest request, UriInfo uri) {
        return skus.create(MerchantScope.admin(), request).map(created -> Responses.created(uri, created.id(), created));
    }

    @GET
    public Uni<Page<SkuView>> list(@QueryParam("merchantId") UUID merchantId,
                                   @QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        MerchantScope scope = merchantId == null ? MerchantScope.admin() : MerchantScope.merchant(merchantId);
        return skus.list(scope, PageRequest.parse(limit, cursor));
    }

    @GET
    @Path("{id}")
    public Uni<SkuView> get(@RestPath UUID id) {
        return skus.get(MerchantScope.admin(), id);
    }

    @PUT
    @Path("{id}")
    public Uni<SkuView> update(@RestPath UUID id, @Valid @NotNull SkuRequest request) {
        return skus.update(MerchantScope.admin(), id, request);
    }

    @GET
    @Path("{id}/stock")
    public Uni<SkuStockView> stock(@RestPath UUID id) {
        return stockLoads.stockOf(MerchantScope.admin(), id);
    }

    @POST
    @Path("{id}/stock-loads")
    public Uni<RestResponse<StockLoadView>> loadStock(@RestPath UUID id, @Valid @NotNull StockLoadRequest request) {
        return stockLoads.loadSku(MerchantScope.admin(), id, request, user.userId()).map(StockLoadResponses::of);
    }
}
