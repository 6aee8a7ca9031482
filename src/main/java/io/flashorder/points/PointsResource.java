package io.flashorder.points;

import io.flashorder.platform.page.Page;
import io.flashorder.platform.page.PageRequest;
import io.flashorder.security.CurrentUser;
import io.flashorder.security.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** A buyer's own points: the balance and the ledger. Only the caller's own: the buyer comes from the token. */
@Tag(name = "Member points", description = "Your points balance and ledger")
@Path("/api/v1/points")
@RolesAllowed(Roles.CUSTOMER)
public class PointsResource {

    private final PointsService points;
    private final CurrentUser user;

    public PointsResource(PointsService points, CurrentUser user) {
        this.points = points;
        this.user = user;
    }

    @GET
    @Operation(summary = "Your points balance and when the next ones expire")
    public Uni<PointsBalance> balance() {
        return points.balance(user.userId());
    }

    @GET
    @Path("entries")
    @Operation(summary = "Your points ledger, newest first (keyset: pass nextCursor back as cursor)")
    public Uni<Page<PointsEntry>> entries(@QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        return points.entries(user.userId(), PageRequest.parse(limit, cursor));
    }
}
