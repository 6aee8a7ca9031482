package io.flashorder.pricing.rules.promotion;

import io.flashorder.platform.MerchantScope;
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

/** The token's merchant's own promotions; another merchant's answer 404. */
@Tag(name = "Pricing rules (merchant)", description = "A merchant's own promotions, shipping and coupon templates")
@Path("/api/v1/merchant/promotions")
@RolesAllowed(Roles.MERCHANT)
public class MerchantPromotionResource {

    private final PromotionService promotions;
    private final CurrentUser user;

    public MerchantPromotionResource(PromotionService promotions, CurrentUser user) {
        this.promotions = promotions;
        this.user = user;
    }

    @POST
    @Operation(summary = "Create an own promotion")
    @APIResponse(responseCode = "201", description = "The new promotion; Location is its URL",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = PromotionView.class)))
    public Uni<RestResponse<PromotionView>> create(@Valid @NotNull PromotionRequest request, UriInfo uri) {
        return promotions.create(scope(), request).map(created -> Responses.created(uri, created.id(), created));
    }

    @GET
    @Operation(summary = "List own promotions")
    public Uni<Page<PromotionView>> list(@QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        return promotions.list(scope(), PageRequest.parse(limit, cursor));
    }

    @GET
    @Operation(summary = "Get an own promotion")
    @Path("{id}")
    public Uni<PromotionView> get(@RestPath UUID id) {
        return promotions.get(scope(), id);
    }

    @PUT
    @Operation(summary = "Replace an own promotion")
    @Path("{id}")
    @APIResponse(responseCode = "409",
            description = "Changed by another request meanwhile (concurrent-update): read it again and retry")
    @APIResponseSchema(value = PromotionView.class, responseCode = "200",
            responseDescription = "The updated resource")
    public Uni<PromotionView> update(@RestPath UUID id, @Valid @NotNull PromotionRequest request) {
        return promotions.update(scope(), id, request);
    }

    private MerchantScope scope() {
        return MerchantScope.merchant(user.merchantId());
    }
}
