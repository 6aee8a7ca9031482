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

/** The buyer tells how it shipped the goods of its case back. Another buyer's case answers 404. */
@Tag(name = "After-sales", description = "A buyer's own after-sale cases: open, follow, ship back, withdraw, dispute")
@Path("/api/v1/after-sales/{caseId}")
@RolesAllowed(Roles.CUSTOMER)
public class BuyerReturnResource {

    private final AfterSaleReturns returns;
    private final CurrentUser user;

    public BuyerReturnResource(AfterSaleReturns returns, CurrentUser user) {
        this.returns = returns;
        this.user = user;
    }

    @POST
    @Path("return-shipment")
    @APIResponse(responseCode = "409", description = "The case does not wait for the goods (illegal-transition), or "
            + "their tracking was given already (return-already-shipped)")
    @Operation(summary = "Give the carrier and tracking of goods shipped back")
    public Uni<CaseView> shipBack(@RestPath UUID caseId, @Valid @NotNull ShipRequest request) {
        return returns.shipBack(user.userId(), caseId, request);
    }
}
