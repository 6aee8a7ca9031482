package io.flashorder.logistics.returns;

import io.flashorder.logistics.warehouse.ParcelView;
import io.flashorder.security.CurrentUser;
import io.flashorder.security.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;

import java.util.UUID;

/** A merchant confirms that a parcel its buyer refused is back: refund and restock follow. */
@Tag(name = "Logistics (merchant)")
@Path("/api/v1/merchant/parcels/{id}/returned")
@RolesAllowed(Roles.MERCHANT)
public class MerchantReturnResource {

    private final ReturnService returns;
    private final CurrentUser user;

    public MerchantReturnResource(ReturnService returns, CurrentUser user) {
        this.returns = returns;
        this.user = user;
    }

    @Operation(summary = "Confirm a refused parcel is back: its orders are refunded and its units restocked")
    @POST
    @APIResponse(responseCode = "409", description = "The parcel is not REFUSED (parcel-status), or a line of it "
            + "already has an open after-sales case (line-has-open-case)")
    public Uni<ParcelView> returned(@RestPath UUID id) {
        return returns.returned(user.merchantId(), id);
    }
}
