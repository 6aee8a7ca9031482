package io.flashorder.points;

import io.flashorder.platform.page.Page;
import io.flashorder.platform.page.PageRequest;
import io.flashorder.security.CurrentUser;
import io.flashorder.security.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * Operators: any buyer's points, and adjustments with a reason (each one an audited ledger entry). Buyers are named
 * by their token subject, which is text: in the query or the body, never in the path (path ids are UUIDs).
 */
@Tag(name = "Member points (admin)", description = "Buyers' points and operator adjustments")
@Path("/api/v1/admin/points")
@RolesAllowed(Roles.ADMIN)
public class AdminPointsResource {

    private final PointsService points;
    private final CurrentUser user;

    public AdminPointsResource(PointsService points, CurrentUser user) {
        this.points = points;
        this.user = user;
    }

    @GET
    @Operation(summary = "A buyer's points balance (404 for a buyer who never had points)")
    public Uni<PointsBalance> balance(@QueryParam("buyerId") @NotNull @Pattern(regexp = AdjustmentRequest.BUYER_ID)
                                      String buyerId) {
        return points.balanceOfKnownBuyer(buyerId);
    }

    @GET
    @Path("entries")
    @Operation(summary = "A buyer's points ledger, newest first (keyset: pass nextCursor back as cursor)")
    public Uni<Page<PointsEntry>> entries(@QueryParam("buyerId") @NotNull
                                          @Pattern(regexp = AdjustmentRequest.BUYER_ID) String buyerId,
                                          @QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        return points.entries(buyerId, PageRequest.parse(limit, cursor));
    }

    @POST
    @Path("adjustments")
    @Operation(summary = "Add (positive) or take (negative) a buyer's points with a reason; 201 with the ledger entry")
    public Uni<RestResponse<PointsEntry>> adjust(@Valid @NotNull AdjustmentRequest request) {
        return points.adjust(request.buyerId(), request, user.userId())
                .map(entry -> RestResponse.status(RestResponse.Status.CREATED, entry));
    }
}
