package io.flashorder.aftersale.refund;

import io.flashorder.aftersale.CaseView;
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

/** A merchant starts (or starts again) a case's refund, or records one paid offline. Others' cases answer 404. */
@Tag(name = "After-sales (merchant)", description = "A merchant's own after-sale cases: review, receive, refund, exchange, settings")
@Path("/api/v1/merchant/after-sales/{caseId}")
@RolesAllowed(Roles.MERCHANT)
public class MerchantRefundResource {

    private final AfterSaleRefunds refunds;
    private final CurrentUser user;

    public MerchantRefundResource(AfterSaleRefunds refunds, CurrentUser user) {
        this.refunds = refunds;
        this.user = user;
    }

    @POST
    @Path("refund")
    @APIResponse(responseCode = "409", description = "Not a received return (illegal-transition), or its refund is "
            + "already under way (refund-in-progress)")
    @Operation(summary = "Start (or start again) a case's refund")
    public Uni<CaseView> refund(@RestPath UUID caseId) {
        return refunds.trigger(user.merchantId(), caseId);
    }

    @POST
    @Path("offline-refund")
    @APIResponse(responseCode = "409", description = "No refund to record (illegal-transition), or it goes through "
            + "the payment provider (refund-not-offline)")
    @Operation(summary = "Record a refund paid offline (cash on delivery)")
    public Uni<CaseView> offlineRefund(@RestPath UUID caseId, @Valid @NotNull OfflineRefundRequest request) {
        return refunds.recordOffline(user.merchantId(), caseId, request);
    }
}
