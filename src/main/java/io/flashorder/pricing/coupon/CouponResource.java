package io.flashorder.pricing.coupon;

import io.flashorder.platform.page.Page;
import io.flashorder.platform.page.PageRequest;
import io.flashorder.security.CurrentUser;
import io.flashorder.security.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestResponse;

import java.util.UUID;

/** A customer's coupons: claim one from a template, list and read one's own. */
@Tag(name = "Coupons", description = "A buyer's coupons")
@Path("/api/v1/coupons")
@RolesAllowed(Roles.CUSTOMER)
public class CouponResource {

    private final CouponService coupons;
    private final CurrentUser user;

    public CouponResource(CouponService coupons, CurrentUser user) {
        this.coupons = coupons;
        this.user = user;
    }

    @POST
    @Operation(summary = "Claim a coupon of a template")
    @Path("{templateId}/claim")
    @APIResponse(responseCode = "201", description = "The claimed coupon; Location is its URL",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = CouponView.class)))
    @APIResponse(responseCode = "409",
            description = "Already claimed, the template is not claimable, or none is left (coupon-already-claimed, "
            + "coupon-template-unavailable, coupons-exhausted)")
    public Uni<RestResponse<CouponView>> claim(@RestPath UUID templateId, UriInfo uri) {
        return coupons.claim(templateId, user.userId()).map(coupon -> RestResponse.ResponseBuilder
                .<CouponView>created(uri.getBaseUriBuilder().path("api/v1/coupons").path(coupon.id().toString()).build())
                .entity(coupon).build());
    }

    @GET
    @Operation(summary = "List own coupons")
    public Uni<Page<CouponView>> list(@QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        return coupons.list(user.userId(), PageRequest.parse(limit, cursor));
    }

    @GET
    @Operation(summary = "Get an own coupon")
    @Path("{id}")
    public Uni<CouponView> get(@RestPath UUID id) {
        return coupons.get(user.userId(), id);
    }
}
