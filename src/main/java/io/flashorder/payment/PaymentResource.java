package io.flashorder.payment;

import io.flashorder.platform.Responses;
import io.flashorder.security.CurrentUser;
import io.flashorder.security.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestResponse;

import java.util.UUID;

/** A customer opens a payment session for an own order awaiting payment. */
@Tag(name = "Orders", description = "Placing, reading, cancelling and paying own orders, confirming receipt")
@Path("/api/v1/orders/{id}/payments")
@RolesAllowed(Roles.CUSTOMER)
public class PaymentResource {

    private final PaymentService payments;
    private final CurrentUser user;

    public PaymentResource(PaymentService payments, CurrentUser user) {
        this.payments = payments;
        this.user = user;
    }

    /** 201 with a new session, 200 with the still-open one; 404 for another's order, 409 once not payable. */
    @POST
    @Operation(summary = "Open a payment session for an own order (or get the open one)")
    @APIResponse(responseCode = "201", description = "A new payment session; Location is its URL",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = PaymentView.class)))
    @APIResponse(responseCode = "200", description = "The order's open session, handed out again",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = PaymentView.class)))
    @APIResponse(responseCode = "409",
            description = "The order no longer waits for payment, or is cash on delivery (illegal-transition, "
            + "payment-not-applicable)")
    public Uni<RestResponse<PaymentView>> open(@RestPath UUID id, @Valid PaymentRequest request, @Context UriInfo uri) {
        return payments.open(user.userId(), id, request == null ? null : request.provider())
                .map(opened -> opened.created() ? Responses.created(uri, opened.payment().id(), opened.payment())
                        : RestResponse.ok(opened.payment()));
    }
}
