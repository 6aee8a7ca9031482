package io.flashorder.pricing.rules.shipping;

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

/** The token's merchant's own shipping templates; another merchant's answer 404. */
@Tag(name = "Pricing rules (merchant)", description = "A merchant's own promotions, shipping and coupon templates")
@Path("/api/v1/merchant/shipping-templates")
@RolesAllowed(Roles.MERCHANT)
public class MerchantShippingTemplateResource {

    private final ShippingTemplateService templates;
    private final CurrentUser user;

    public MerchantShippingTemplateResource(ShippingTemplateService templates, CurrentUser user) {
        this.templates = templates;
        this.user = user;
    }

    @POST
    @Operation(summary = "Create an own shipping template")
    @APIResponse(responseCode = "201", description = "The new shipping template; Location is its URL",
            content = @Content(mediaType = "application/json",
                    schema = @Schema(implementation = ShippingTemplateView.class)))
    @APIResponse(responseCode = "409",
            description = "The merchant already has a template for this region (shipping-template-exists)")
    public Uni<RestResponse<ShippingTemplateView>> create(@Valid @NotNull ShippingTemplateRequest request,
                                                          UriInfo uri) {
        return templates.create(scope(), request).map(created -> Responses.created(uri, created.id(), created));
    }

    @GET
    @Operation(summary = "List own shipping templates")
    public Uni<Page<ShippingTemplateView>> list(@QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        return templates.list(scope(), PageRequest.parse(limit, cursor));
    }

    @GET
    @Operation(summary = "Get an own shipping template")
    @Path("{id}")
    public Uni<ShippingTemplateView> get(@RestPath UUID id) {
        return templates.get(scope(), id);
    }

    @PUT
    @Operation(summary = "Replace an own shipping template")
    @Path("{id}")
    @APIResponse(responseCode = "409",
            description = "Another template has this region, or the template changed meanwhile")
    @APIResponseSchema(value = ShippingTemplateView.class, responseCode = "200",
            responseDescription = "The updated resource")
    public Uni<ShippingTemplateView> update(@RestPath UUID id, @Valid @NotNull ShippingTemplateRequest request) {
        return templates.update(scope(), id, request);
    }

    @DELETE
    @Operation(summary = "Delete an own shipping template")
    @Path("{id}")
    public Uni<RestResponse<Void>> delete(@RestPath UUID id) {
        return templates.delete(scope(), id).map(done -> RestResponse.noContent());
    }

    private MerchantScope scope() {
        return MerchantScope.merchant(user.merchantId());
    }
}
