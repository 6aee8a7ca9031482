package io.flashorder.aftersale;

import io.flashorder.platform.Responses;
import io.flashorder.platform.page.Page;
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
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestResponse;

import java.util.UUID;

/** A buyer's own after-sale cases: open one, follow it, withdraw it. Another buyer's cases answer 404. */
@Tag(name = "After-sales", description = "A buyer's own after-sale cases: open, follow, ship back, withdraw, dispute")
@Path("/api/v1/after-sales")
@RolesAllowed(Roles.CUSTOMER)
public class BuyerAfterSaleResource {

    private final AfterSaleService cases;
    private final CurrentUser user;

    public BuyerAfterSaleResource(AfterSaleService cases, CurrentUser user) {
        this.cases = cases;
        this.user = user;
    }

    @POST
    @APIResponse(responseCode = "201", description = "Opened (refund only before shipment: approved at once)",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = CaseView.class)))
    @APIResponse(responseCode = "409", description = "A line is in another open case (line-has-open-case), or the "
            + "merchant order cannot get a case in its status or after its window (after-sale-not-allowed)")
    @APIResponse(responseCode = "422", description = "A line of another merchant order (unknown-line), more units "
            + "than are left (quantity-not-available), goods back before shipment (not-shipped)")
    @Operation(summary = "Open an after-sale case on an own merchant order")
    public Uni<RestResponse<CaseView>> open(@Valid @NotNull OpenCaseRequest request, @Context UriInfo uri) {
        return cases.open(user.userId(), request).map(view -> Responses.created(uri, view.id(), view));
    }

    /** Newest first; {@code status} filters. */
    @GET
    @Operation(summary = "List own after-sale cases")
    public Uni<Page<CaseView>> list(@QueryParam("status") String status, @QueryParam("limit") String limit,
                                    @QueryParam("cursor") String cursor) {
        return cases.buyerCases(user.userId(), status, PageRequest.parse(limit, cursor));
    }

    @GET
    @Path("{caseId}")
    @Operation(summary = "Read an own after-sale case")
    public Uni<CaseView> get(@RestPath UUID caseId) {
        return cases.buyerCase(user.userId(), caseId);
    }

    @GET
    @Path("{caseId}/history")
    @Operation(summary = "An own case's transitions")
    public Uni<CaseHistoryView> history(@RestPath UUID caseId) {
        return cases.buyerHistory(user.userId(), caseId);
    }

    @POST
    @Path("{caseId}/withdrawal")
    @APIResponse(responseCode = "409", description = "The case cannot be withdrawn in its status "
            + "(illegal-transition), or the goods were shipped back (return-already-shipped)")
    @Operation(summary = "Withdraw an own case")
    public Uni<CaseView> withdraw(@RestPath UUID caseId) {
        return cases.withdraw(user.userId(), caseId);
    }

    @POST
    @Path("{caseId}/dispute")
    @APIResponse(responseCode = "409", description = "Only a rejected case can be disputed (illegal-transition), "
            + "once (already-disputed); a line is in another open case meanwhile (line-has-open-case)")
    @Operation(summary = "Dispute a rejected case (once)")
    public Uni<CaseView> dispute(@RestPath UUID caseId, @Valid @NotNull DecisionRequest request) {
        return cases.dispute(user.userId(), caseId, request);
    }

    @POST
    @Path("{caseId}/exchange-receipt")
    @APIResponse(responseCode = "409", description = "No replacement is on its way (illegal-transition)")
    @Operation(summary = "Confirm receipt of an exchange's replacement")
    public Uni<CaseView> confirmExchange(@RestPath UUID caseId) {
        return cases.confirmExchange(user.userId(), caseId);
    }
}
