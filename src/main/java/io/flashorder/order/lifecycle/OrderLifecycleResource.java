package io.flashorder.order.lifecycle;

import io.flashorder.order.query.OrderView;
import io.flashorder.security.CurrentUser;
import io.flashorder.security.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;

import java.util.UUID;

/** A customer cancels an own order awaiting payment, and reads the transitions it went through. */
@Tag(name = "Orders", description = "Placing, reading, cancelling and paying own orders, confirming receipt")
@Path("/api/v1/orders/{id}")
@RolesAllowed(Roles.CUSTOMER)
public class OrderLifecycleResource {

    private final OrderLifecycleService lifecycle;
    private final CurrentUser user;

    public OrderLifecycleResource(OrderLifecycleService lifecycle, CurrentUser user) {
        this.lifecycle = lifecycle;
        this.user = user;
    }

    /** 200 with the cancelled order; 409 illegal-transition once it is paid or already cancelled. */
    @POST
    @Operation(summary = "Cancel an own order awaiting payment")
    @Path("cancellation")
    @APIResponse(responseCode = "409", description = "The order no longer waits for payment (illegal-transition)")
    @APIResponseSchema(value = OrderView.class, responseCode = "200", responseDescription = "The cancelled order")
    public Uni<OrderView> cancel(@RestPath UUID id, @Valid CancellationRequest request) {
        return lifecycle.cancel(user.userId(), id, request == null ? null : request.reason());
    }

    @GET
    @Operation(summary = "An own order's status transitions")
    @Path("history")
    public Uni<OrderHistoryView> history(@RestPath UUID id) {
        return lifecycle.history(user.userId(), id);
    }
}
