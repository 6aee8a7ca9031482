package io.flashorder.aftersale;

import io.flashorder.platform.http.PathIds;
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
import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jboss.resteasy.reactive.RestPath;

/** A merchant's after-sale cases: by state with counts per state, detail, approve, reject. Others' answer 404. */
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
    public Uni<MerchantCaseList> list(@QueryParam("status") String status, @QueryParam("limit") String limit,
                                      @QueryParam("cursor") String cursor) {
        return cases.merchantCases(user.merchantId(), status, PageRequest.parse(limit, cursor));
    }

    @GET
    @Path("{caseId}")
    public Uni<CaseView> get(@RestPath String caseId) {
        return cases.merchantCase(user.merchantId(), PathIds.parse(caseId, "after-sale-case"));
    }

    @GET
    @Path("{caseId}/history")
    public Uni<CaseHistoryView> history(@RestPath String caseId) {
        return cases.merchantHistory(user.merchantId(), PathIds.parse(caseId, "after-sale-case"));
    }

    @POST
    @Path("{caseId}/approval")
    @APIResponse(responseCode = "409", description = "The case is not pending review (illegal-transition)")
    public Uni<CaseView> approve(@RestPath String caseId) {
        return cases.approve(user.merchantId(), PathIds.parse(caseId, "after-sale-case"));
    }

    @POST
    @Path("{caseId}/rejection")
    @APIResponse(responseCode = "409", description = "The case is not pending review (illegal-transition)")
    public Uni<CaseView> reject(@RestPath String caseId, @Valid @NotNull DecisionRequest request) {
        return cases.reject(user.merchantId(), PathIds.parse(caseId, "after-sale-case"), request);
    }
}
