package io.flashorder.aftersale.returns;

import io.flashorder.aftersale.CaseView;
import io.flashorder.fulfilment.ShipRequest;
import io.flashorder.security.CurrentUser;
import io.flashorder.security.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jboss.resteasy.reactive.RestPath;

import java.util.UUID;

/** The merchant receives and inspects returned goods, and ships an exchange's replacement. Others' cases: 404. */
@Tag(name = "After-sales (merchant)", description = "A merchant's own after-sale cases: review, receive, refund, exchange, settings")
@Path("/api/v1/merchant/after-sales/{caseId}")
@RolesAllowed(Roles.MERCHANT)
public class MerchantReturnResource {

    private final AfterSaleReturns returns;
    private final CurrentUser user;

    public MerchantReturnResource(AfterSaleReturns returns, CurrentUser user) {
        this.returns = returns;
        this.user = user;
    }

    @POST
    @Path("receipt")
    @APIResponse(responseCode = "409", description = "The case does not wait for goods (illegal-transition)")
    @Operation(summary = "Receive returned goods and inspect each line")
    public Uni<CaseView> receive(@RestPath UUID caseId, @Valid @NotNull ReceiptRequest request) {
        return returns.receive(user.merchantId(), caseId, request);
    }

    @POST
    @Path("exchange-shipment")
    @APIResponse(responseCode = "409", description = "Not a received exchange (illegal-transition)")
    @Operation(summary = "Ship an exchange's replacement")
    public Uni<CaseView> shipExchange(@RestPath UUID caseId, @Valid @NotNull ShipRequest request) {
        return returns.shipExchange(user.merchantId(), caseId, request);
    }
}
