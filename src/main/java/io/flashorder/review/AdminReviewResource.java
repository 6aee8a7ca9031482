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

/** The risk review queue for operators: held orders with their reasons, approve, reject. */
@Tag(name = "Risk review (admin)", description = "Paid orders held for review (审单)")
@Path("/api/v1/admin/reviews")
@RolesAllowed(Roles.ADMIN)
public class AdminReviewResource {

    private final ReviewService reviews;
    private final CurrentUser user;

    public AdminReviewResource(ReviewService reviews, CurrentUser user) {
        this.reviews = reviews;
        this.user = user;
    }

    @GET
    @Operation(summary = "Reviews in one status (default UNDER_REVIEW), oldest order first")
    public Uni<Page<ReviewView>> list(@QueryParam("status") String status, @QueryParam("limit") String limit,
                                      @QueryParam("cursor") String cursor) {
        return reviews.list(status, PageRequest.parse(limit, cursor));
    }

    @GET
    @Path("{orderId}")
    @Operation(summary = "One order's review")
    public Uni<ReviewView> get(@RestPath UUID orderId) {
        return reviews.get(orderId);
    }

    @POST
    @Path("{orderId}/approval")
    @Operation(summary = "Approve a held order: it goes on to shipping")
    public Uni<ReviewView> approve(@RestPath UUID orderId, @Valid ReviewDecisionRequest request) {
        return reviews.approve(orderId, "admin:" + user.userId(),
                request == null ? null : request.reason());
    }

    @POST
    @Path("{orderId}/rejection")
    @Operation(summary = "Reject a held order: each merchant order is refunded in full and its stock released")
    public Uni<ReviewView> reject(@RestPath UUID orderId, @Valid ReviewDecisionRequest request) {
        return reviews.reject(orderId, "admin:" + user.userId(),
                request == null ? null : request.reason());
    }
}
