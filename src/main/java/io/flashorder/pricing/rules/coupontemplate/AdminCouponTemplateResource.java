package io.flashorder.pricing.rules.coupontemplate;

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

/** Platform coupon templates (no merchantId) and merchants' ones on their behalf (merchantId in the body). */
@Tag(name = "Pricing rules (admin)",
        description = "Member tiers, promotions, shipping and coupon templates, for operators")
@Path("/api/v1/admin/coupon-templates")
@RolesAllowed(Roles.ADMIN)
public class AdminCouponTemplateResource {

    private final CouponTemplateService templates;

    public AdminCouponTemplateResource(CouponTemplateService templates) {
        this.templates = templates;
    }

    @POST
    @Operation(summary = "Create a platform coupon template")
    @APIResponse(responseCode = "201", description = "The new coupon template; Location is its URL",
            content = @Content(mediaType = "application/json",
                    schema = @Schema(implementation = CouponTemplateView.class)))
    public Uni<RestResponse<CouponTemplateView>> create(@Valid @NotNull CouponTemplateRequest request, UriInfo uri) {
        return templates.create(MerchantScope.admin(), request).map(created -> Responses.created(uri, created.id(), created));
    }

    @GET
    @Operation(summary = "List coupon templates")
    public Uni<Page<CouponTemplateView>> list(@QueryParam("merchantId") UUID merchantId,
                                              @QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        MerchantScope scope = merchantId == null ? MerchantScope.admin() : MerchantScope.merchant(merchantId);
        return templates.list(scope, PageRequest.parse(limit, cursor));
    }

    @GET
    @Operation(summary = "Get a platform coupon template")
    @Path("{id}")
    public Uni<CouponTemplateView> get(@RestPath UUID id) {
        return templates.get(MerchantScope.admin(), id);
    }

    @PUT
    @Operation(summary = "Replace a platform coupon template")
    @Path("{id}")
    @APIResponse(responseCode = "409",
            description = "Changed by another request meanwhile (concurrent-update): read it again and retry")
    @APIResponseSchema(value = CouponTemplateView.class, responseCode = "200",
            responseDescription = "The updated resource")
    public Uni<CouponTemplateView> update(@RestPath UUID id, @Valid @NotNull CouponTemplateRequest request) {
        return templates.update(MerchantScope.admin(), id, request);
    }
}
