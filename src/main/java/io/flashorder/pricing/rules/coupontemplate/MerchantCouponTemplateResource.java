package io.flashorder.pricing.rules.coupontemplate;

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

/** The token's merchant's own coupon templates; another merchant's (or a platform one) answer 404. */
@Tag(name = "Pricing rules (merchant)", description = "A merchant's own promotions, shipping and coupon templates")
@Path("/api/v1/merchant/coupon-templates")
@RolesAllowed(Roles.MERCHANT)
public class MerchantCouponTemplateResource {

    private final CouponTemplateService templates;
    private final CurrentUser user;

    public MerchantCouponTemplateResource(CouponTemplateService templates, CurrentUser user) {
        this.templates = templates;
        this.user = user;
    }

    @POST
    @Operation(summary = "Create an own coupon template")
    @APIResponse(responseCode = "201", description = "The new coupon template; Location is its URL",
            content = @Content(mediaType = "application/json",
                    schema = @Schema(implementation = CouponTemplateView.class)))
    public Uni<RestResponse<CouponTemplateView>> create(@Valid @NotNull CouponTemplateRequest request, UriInfo uri) {
        return templates.create(scope(), request).map(created -> Responses.created(uri, created.id(), created));
    }

    @GET
    @Operation(summary = "List own coupon templates")
    public Uni<Page<CouponTemplateView>> list(@QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        return templates.list(scope(), PageRequest.parse(limit, cursor));
    }

    @GET
    @Operation(summary = "Get an own coupon template")
    @Path("{id}")
    public Uni<CouponTemplateView> get(@RestPath UUID id) {
        return templates.get(scope(), id);
    }

    @PUT
    @Operation(summary = "Replace an own coupon template")
    @Path("{id}")
    @APIResponse(responseCode = "409",
            description = "Changed by another request meanwhile (concurrent-update): read it again and retry")
    @APIResponseSchema(value = CouponTemplateView.class, responseCode = "200",
            responseDescription = "The updated resource")
    public Uni<CouponTemplateView> update(@RestPath UUID id, @Valid @NotNull CouponTemplateRequest request) {
        return templates.update(scope(), id, request);
    }

    private MerchantScope scope() {
        return MerchantScope.merchant(user.merchantId());
    }
}
