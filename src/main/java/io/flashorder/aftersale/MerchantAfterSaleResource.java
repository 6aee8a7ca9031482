package io.flashorder.aftersale;

import io.flashorder.platform.page.PageRequest;
import io.flashorder.security.CurrentUser;
import io.flashorder.security.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jboss.resteasy.reactive.RestPath;

import java.util.UUID;

/** A merchant's after-sale cases: by state with counts per state, detail, approve, reject. Others' answer 404. */
@Tag(name = "After-sales (merchant)", description = "A merchant's own after-sale cases: review, receive, refund, exchange, settings")
@Path("/api/v1/merchant/after-sales")
@RolesAllowed(Roles.MERCHANT)
public class MerchantAfterSaleResource {

    private final AfterSaleService cases;
    private final CurrentUser user;

    public MerchantAfterSaleResource(AfterSaleService cases, CurrentUser user) {
        this.cases = cases;
        this.user = user;
    }

    /** Newest first; {@code status} filters; {@code countsByStatus} counts every case of the merchant per state. */
    @GET
    @Operation(summary = "List own cases by state, with counts per state")
    public Uni<MerchantCaseList> list(@QueryParam("status") String status, @QueryParam("limit") String limit,
                                      @QueryParam("cursor") String cursor) {
        return cases.merchantCases(user.merchantId(), status, PageRequest.parse(limit, cursor));
    }

    @GET
    @Path("{caseId}")
    @Operation(summary = "Read an own case")
    public Uni<CaseView> get(@RestPath UUID caseId) {
        return cases.merchantCase(user.merchantId(), caseId);
    }

    @GET
    @Path("{caseId}/history")
    @Operation(summary = "An own case's transitions")
    public Uni<CaseHistoryView> history(@RestPath UUID caseId) {
        return cases.merchantHistory(user.merchantId(), caseId);
    }

    @POST
    @Path("{caseId}/approval")
    @APIResponse(responseCode = "409", description = "The case is not pending review (illegal-transition)")
    @Operation(summary = "Approve a case under review")
    public Uni<CaseView> approve(@RestPath UUID caseId) {
        return cases.approve(user.merchantId(), caseId);
    }

    @POST
    @Path("{caseId}/rejection")
    @APIResponse(responseCode = "409", description = "The case is not pending review (illegal-transition)")
    @Operation(summary = "Reject a case under review, with a reason")
    public Uni<CaseView> reject(@RestPath UUID caseId, @Valid @NotNull DecisionRequest request) {
        return cases.reject(user.merchantId(), caseId, request);
    }
}
