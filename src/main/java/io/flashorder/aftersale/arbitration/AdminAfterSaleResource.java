package io.flashorder.aftersale.arbitration;

import io.flashorder.aftersale.CaseView;
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
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jboss.resteasy.reactive.RestPath;

import java.util.UUID;

/** Platform arbitration (平台介入): disputed rejections and the admin's decision. */
@Tag(name = "After-sales (admin)", description = "Platform arbitration of disputed after-sale cases")
@Path("/api/v1/admin/after-sales")
@RolesAllowed(Roles.ADMIN)
public class AdminAfterSaleResource {

    private final ArbitrationService cases;
    private final CurrentUser user;

    public AdminAfterSaleResource(ArbitrationService cases, CurrentUser user) {
        this.cases = cases;
        this.user = user;
    }

    /** Cases in arbitration, newest first. */
    @GET
    @Path("disputes")
    @Operation(summary = "List cases in arbitration")
    public Uni<Page<CaseView>> disputes(@QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        return cases.disputes(PageRequest.parse(limit, cursor));
    }

    @POST
    @Path("{caseId}/decision")
    @APIResponse(responseCode = "409", description = "The case is not in arbitration (illegal-transition)")
    @Operation(summary = "Decide a disputed case")
    public Uni<CaseView> decide(@RestPath UUID caseId, @Valid @NotNull ArbitrationRequest request) {
        return cases.decide(user.userId(), caseId, request);
    }
}
