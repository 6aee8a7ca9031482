package io.flashorder.pricing.rules.promotion;

import io.flashorder.platform.MerchantScope;
import io.flashorder.platform.Responses;
import io.flashorder.platform.page.Page;
import io.flashorder.platform.page.PageRequest;
import io.flashorder.security.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
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

/** Any merchant's promotions, managed by an operator ({@code merchantId} in the body). */
@Tag(name = "Pricing rules (admin)",
        description = "Member tiers, promotions, shipping and coupon templates, for operators")
@Path("/api/v1/admin/promotions")
@RolesAllowed(Roles.ADMIN)
public class AdminPromotionResource {

    private final PromotionService promotions;

    public AdminPromotionResource(PromotionService promotions) {
        this.promotions = promotions;
    }

    @POST
    @Operation(summary = "Create a promotion")
    @APIResponse(responseCode = "201", description = "The new promotion; Location is its URL",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = PromotionView.class)))
    public Uni<RestResponse<PromotionView>> create(@Valid @NotNull PromotionRequest request, UriInfo uri) {
        return promotions.create(MerchantScope.admin(), request).map(created -> Responses.created(uri, created.id(), created));
    }

    @GET
    @Operation(summary = "List promotions")
    public Uni<Page<PromotionView>> list(@QueryParam("merchantId") UUID merchantId, @QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        MerchantScope scope = merchantId == null ? MerchantScope.admin() : MerchantScope.merchant(merchantId);
        return promotions.list(scope, PageRequest.parse(limit, cursor));
    }

    @GET
    @Operation(summary = "Get a promotion")
    @Path("{id}")
    public Uni<PromotionView> get(@RestPath UUID id) {
        return promotions.get(MerchantScope.admin(), id);
    }

    @PUT
    @Operation(summary = "Replace a promotion")
    @Path("{id}")
    @APIResponse(responseCode = "409",
            description = "Changed by another request meanwhile (concurrent-update): read it again and retry")
    @APIResponseSchema(value = PromotionView.class, responseCode = "200",
            responseDescription = "The updated resource")
    public Uni<PromotionView> update(@RestPath UUID id, @Valid @NotNull PromotionRequest request) {
        return promotions.update(MerchantScope.admin(), id, request);
    }
}
