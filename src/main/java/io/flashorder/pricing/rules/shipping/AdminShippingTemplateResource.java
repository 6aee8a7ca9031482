package io.flashorder.pricing.rules.shipping;

import io.flashorder.platform.MerchantScope;
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

/** Any merchant's shipping templates, managed by an operator ({@code merchantId} in the body). */
@Tag(name = "Pricing rules (admin)",
        description = "Member tiers, promotions, shipping and coupon templates, for operators")
@Path("/api/v1/admin/shipping-templates")
@RolesAllowed(Roles.ADMIN)
public class AdminShippingTemplateResource {

    private final ShippingTemplateService templates;

    public AdminShippingTemplateResource(ShippingTemplateService templates) {
        this.templates = templates;
    }

    @POST
    @Operation(summary = "Create a shipping template")
    @APIResponse(responseCode = "201", description = "The new shipping template; Location is its URL",
            content = @Content(mediaType = "application/json",
                    schema = @Schema(implementation = ShippingTemplateView.class)))
    @APIResponse(responseCode = "409",
            description = "The merchant already has a template for this region (shipping-template-exists)")
    public Uni<RestResponse<ShippingTemplateView>> create(@Valid @NotNull ShippingTemplateRequest request,
                                                          UriInfo uri) {
        return templates.create(MerchantScope.admin(), request).map(created -> Responses.created(uri, created.id(), created));
    }

    @GET
    @Operation(summary = "List shipping templates")
    public Uni<Page<ShippingTemplateView>> list(@QueryParam("merchantId") UUID merchantId,
                                                @QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        MerchantScope scope = merchantId == null ? MerchantScope.admin() : MerchantScope.merchant(merchantId);
        return templates.list(scope, PageRequest.parse(limit, cursor));
    }

    @GET
    @Operation(summary = "Get a shipping template")
    @Path("{id}")
    public Uni<ShippingTemplateView> get(@RestPath UUID id) {
        return templates.get(MerchantScope.admin(), id);
    }

    @PUT
    @Operation(summary = "Replace a shipping template")
    @Path("{id}")
    @APIResponse(responseCode = "409",
            description = "Another template has this region, or the template changed meanwhile")
    @APIResponseSchema(value = ShippingTemplateView.class, responseCode = "200",
            responseDescription = "The updated resource")
    public Uni<ShippingTemplateView> update(@RestPath UUID id, @Valid @NotNull ShippingTemplateRequest request) {
        return templates.update(MerchantScope.admin(), id, request);
    }

    @DELETE
    @Operation(summary = "Delete a shipping template")
    @Path("{id}")
    public Uni<RestResponse<Void>> delete(@RestPath UUID id) {
        return templates.delete(MerchantScope.admin(), id).map(done -> RestResponse.noContent());
    }
}
