package io.flashorder.notification;

import io.flashorder.platform.page.Page;
import io.flashorder.platform.page.PageRequest;
import io.flashorder.security.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Operators' view of notices given up after their last attempt. */
@Tag(name = "Notifications (admin)", description = "Buyer notices that could not be sent")
@Path("/api/v1/admin/notifications")
@RolesAllowed(Roles.ADMIN)
public class AdminNotificationResource {

    private final NotificationDeliveries deliveries;

    public AdminNotificationResource(NotificationDeliveries deliveries) {
        this.deliveries = deliveries;
    }

    @GET
    @Path("dead-letters")
    @Operation(summary = "Notices given up after their last attempt, oldest first")
    public Uni<Page<NotificationDeliveries.DeadNotice>> deadLetters(@QueryParam("limit") String limit,
                                                                   @QueryParam("cursor") String cursor) {
        PageRequest page = PageRequest.parse(limit, cursor);
        return deliveries.dead(page).map(rows -> Page.of(rows, page, NotificationDeliveries.DeadNotice::id,
                row -> row));
    }
}
