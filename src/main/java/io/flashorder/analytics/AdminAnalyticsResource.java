package io.flashorder.analytics;

import io.flashorder.security.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;

import java.util.UUID;

/** Operators' figures: the platform (all merchants summed), or one merchant with {@code merchantId}. */
@Tag(name = "Analytics")
@Path("/api/v1/admin/analytics")
@RolesAllowed(Roles.ADMIN)
public class AdminAnalyticsResource {

    private final AnalyticsService analytics;

    public AdminAnalyticsResource(AnalyticsService analytics) {
        this.analytics = analytics;
    }

    @GET
    @Path("orders")
    @Operation(summary = "Orders, GMV, paid and cancellation rates per day or hour: platform or one merchant")
    public Uni<OrderFigures> orders(@QueryParam("merchantId") UUID merchantId, @QueryParam("from") String from,
                                    @QueryParam("to") String to, @QueryParam("granularity") String granularity) {
        return analytics.knownMerchant(merchantId).chain(merchant -> analytics.orders(merchant, from, to, granularity));
    }

    @GET
    @Path("stages")
    @Operation(summary = "Stage durations (p50/p90/p99) per warehouse and carrier, and the bottleneck")
    public Uni<StageReport> stages(@QueryParam("merchantId") UUID merchantId, @QueryParam("from") String from,
                                   @QueryParam("to") String to) {
        return analytics.knownMerchant(merchantId).chain(merchant -> analytics.stages(merchant, from, to));
    }

    @GET
    @Path("after-sales")
    @Operation(summary = "After-sales rate per SKU, with cases by reason")
    public Uni<AfterSaleReport> afterSales(@QueryParam("merchantId") UUID merchantId,
                                           @QueryParam("from") String from, @QueryParam("to") String to) {
        return analytics.knownMerchant(merchantId).chain(merchant -> analytics.afterSales(merchant, from, to));
    }

    @GET
    @Path("campaigns/{campaignId}/funnel")
    @Operation(summary = "A flash-sale campaign's funnel: refused sold out, refused otherwise, accepted, paid")
    public Uni<CampaignFunnel> funnel(@RestPath UUID campaignId) {
        return analytics.funnel(campaignId);
    }
}
