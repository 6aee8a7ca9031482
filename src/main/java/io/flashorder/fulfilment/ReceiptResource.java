package io.flashorder.fulfilment;

import io.flashorder.security.CurrentUser;
import io.flashorder.security.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;

import java.util.UUID;

/** The buyer confirms it received one merchant order of its own order. */
@Tag(name = "Orders", description = "Placing, reading, cancelling and paying own orders, confirming receipt")
@Path("/api/v1/orders/{orderId}/merchant-orders/{merchantOrderId}/receipt")
@RolesAllowed(Roles.CUSTOMER)
public class ReceiptResource {

    private final ReceiptService receipts;
    private final CurrentUser user;

    public ReceiptResource(ReceiptService receipts, CurrentUser user) {
        this.receipts = receipts;
        this.user = user;
    }

    @POST
    @Operation(summary = "Confirm receipt of an own merchant order")
    @APIResponse(responseCode = "409",
            description = "The merchant order is not awaiting receipt (illegal-transition)")
    @APIResponseSchema(value = ReceiptView.class, responseCode = "200", responseDescription = "Receipt confirmed")
    public Uni<ReceiptView> confirm(@RestPath UUID orderId, @RestPath UUID merchantOrderId) {
        return receipts.confirm(user.userId(), orderId, merchantOrderId);
    }
}
