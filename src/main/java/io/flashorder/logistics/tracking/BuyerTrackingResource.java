package io.flashorder.logistics.tracking;

import io.flashorder.security.CurrentUser;
import io.flashorder.security.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;

import java.util.UUID;

/** The buyer follows the parcels of its own order. */
@Tag(name = "Tracking", description = "A buyer follows the parcels of its own order")
@Path("/api/v1/orders/{id}/tracking")
@RolesAllowed(Roles.CUSTOMER)
public class BuyerTrackingResource {

    private final TrackingService tracking;
    private final CurrentUser user;

    public BuyerTrackingResource(TrackingService tracking, CurrentUser user) {
        this.tracking = tracking;
        this.user = user;
    }

    @Operation(summary = "Every parcel of an own order with its carrier events")
    @GET
    public Uni<TrackingView> timeline(@RestPath UUID id) {
        return tracking.timeline(user.userId(), id);
    }
}
