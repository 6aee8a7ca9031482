package io.flashorder.pricing.rules.membertier;

import io.flashorder.platform.Responses;
import io.flashorder.platform.page.Page;
import io.flashorder.platform.page.PageRequest;
import io.flashorder.security.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestResponse;

import java.util.UUID;

/** Platform member tiers, and the flag deciding whether they apply to campaign-priced lines ({@code /policy}). */
@Tag(name = "Pricing rules (admin)",
        description = "Member tiers, promotions, shipping and coupon templates, for operators")
@Path("/api/v1/admin/member-tiers")
@RolesAllowed(Roles.ADMIN)
public class AdminMemberTierResource {

    private final MemberTierService tiers;

    public AdminMemberTierResource(MemberTierService tiers) {
        this.tiers = tiers;
    }

    @POST
    @Operation(summary = "Create a member tier")
    @APIResponse(responseCode = "201", description = "The new tier; Location is its URL",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = MemberTierView.class)))
    @APIResponse(responseCode = "409", description = "A tier of this name exists (member-tier-exists)")
    public Uni<RestResponse<MemberTierView>> create(@Valid @NotNull MemberTierRequest request, UriInfo uri) {
        return tiers.create(request).map(created -> Responses.created(uri, created.id(), created));
    }

    @GET
    @Operation(summary = "List member tiers")
    public Uni<Page<MemberTierView>> list(@QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        return tiers.list(PageRequest.parse(limit, cursor));
    }

    @GET
    @Operation(summary = "The member-tier policy (whether tier discounts apply to campaign prices)")
    @Path("policy")
    public Uni<TierPolicyView> policy() {
        return tiers.policy();
    }

    @PUT
    @Operation(summary = "Replace the member-tier policy")
    @Path("policy")
    @APIResponse(responseCode = "409",
            description = "Changed by another request meanwhile (concurrent-update): read it again and retry")
    @APIResponseSchema(value = TierPolicyView.class, responseCode = "200", responseDescription = "The updated policy")
    public Uni<TierPolicyView> updatePolicy(@Valid @NotNull TierPolicyRequest request) {
        return tiers.updatePolicy(request);
    }

    @GET
    @Operation(summary = "Get a member tier")
    @Path("{id}")
    public Uni<MemberTierView> get(@RestPath UUID id) {
        return tiers.get(id);
    }

    @PUT
    @Operation(summary = "Replace a member tier")
    @Path("{id}")
    @APIResponse(responseCode = "409", description = "Another tier has this name, or the tier changed meanwhile")
    @APIResponseSchema(value = MemberTierView.class, responseCode = "200",
            responseDescription = "The updated resource")
    public Uni<MemberTierView> update(@RestPath UUID id, @Valid @NotNull MemberTierRequest request) {
        return tiers.update(id, request);
    }

    @DELETE
    @Operation(summary = "Delete a member tier")
    @Path("{id}")
    public Uni<RestResponse<Void>> delete(@RestPath UUID id) {
        return tiers.delete(id).map(done -> RestResponse.noContent());
    }
}
