package io.flashorder.review;

import io.flashorder.platform.page.Page;
import io.flashorder.platform.page.PageRequest;
import io.flashorder.security.CurrentUser;
import io.flashorder.security.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;

import java.util.UUID;

/** A merchant's reviews of its own held orders, when the platform allows it (403 otherwise). */
@Tag(name = "Risk review (merchant)", description = "A merchant's held orders, when the platform lets merchants decide")
@Path("/api/v1/merchant/reviews")
@RolesAllowed(Roles.MERCHANT)
public class MerchantReviewResource {

    private final MerchantReviewService reviews;
    private final CurrentUser user;

    public MerchantReviewResource(MerchantReviewService reviews, CurrentUser user) {
        this.reviews = reviews;
        this.user = user;
    }

    @GET
    @Operation(summary = "Own reviews in one status (default UNDER_REVIEW), oldest order first")
    public Uni<Page<MerchantReviewView>> list(@QueryParam("status") String status, @QueryParam("limit") String limit,
                                              @QueryParam("cursor") String cursor) {
        return reviews.list(user.merchantId(), status, PageRequest.parse(limit, cursor));
    }

    @GET
    @Path("{orderId}")
    @Operation(summary = "One own order's review")
    public Uni<MerchantReviewView> get(@RestPath UUID orderId) {
        return reviews.get(user.merchantId(), orderId);
    }

    @POST
    @Path("{orderId}/approval")
    @Operation(summary = "Approve an own held order (wholly the merchant's): it goes on to shipping")
    public Uni<MerchantReviewView> approve(@RestPath UUID orderId, @Valid ReviewDecisionRequest request) {
        return reviews.approve(user.merchantId(), orderId, request == null ? null : request.reason());
    }

    @POST
    @Path("{orderId}/rejection")
    @Operation(summary = "Reject an own held order (wholly the merchant's): it is refunded in full, its stock released")
    public Uni<MerchantReviewView> reject(@RestPath UUID orderId, @Valid ReviewDecisionRequest request) {
        return reviews.reject(user.merchantId(), orderId, request == null ? null : request.reason());
    }
}
