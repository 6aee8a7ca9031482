package io.flashorder.analytics;

import io.flashorder.security.CurrentUser;
import io.flashorder.security.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** A merchant's own figures; the merchant is the token's, never a parameter. */
@Tag(name = "Analytics", description = "Order figures, stage durations and bottlenecks, after-sales rates, funnels")
@Path("/api/v1/merchant/analytics")
@RolesAllowed(Roles.MERCHANT)
public class MerchantAnalyticsResource {

    private final AnalyticsService analytics;
    private final CurrentUser user;

    public MerchantAnalyticsResource(AnalyticsService analytics, CurrentUser user) {
        this.analytics = analytics;
        this.user = user;
    }

    /** {@code from}/{@code to}: UTC dates, both included, at most 92 days (7 by the hour). */
    @GET
    @Path("orders")
    @Operation(summary = "Own orders, GMV, paid and cancellation rates per day or hour, cancellation reasons")
    public Uni<OrderFigures> orders(@QueryParam("from") String from, @QueryParam("to") String to,
                                    @QueryParam("granularity") String granularity) {
        return analytics.orders(user.merchantId(), from, to, granularity);
    }

    @GET
    @Path("stages")
    @Operation(summary = "Own stage durations (p50/p90/p99) per warehouse and carrier, and the bottleneck")
    public Uni<StageReport> stages(@QueryParam("from") String from, @QueryParam("to") String to) {
        return analytics.stages(user.merchantId(), from, to);
    }

    @GET
    @Path("after-sales")
    @Operation(summary = "Own after-sales rate per SKU, with cases by reason")
    public Uni<AfterSaleReport> afterSales(@QueryParam("from") String from, @QueryParam("to") String to) {
        return analytics.afterSales(user.merchantId(), from, to);
    }
}
