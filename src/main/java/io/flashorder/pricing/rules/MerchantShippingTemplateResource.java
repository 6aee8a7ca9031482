package io.flashorder.pricing.rules;

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
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestResponse;

import java.util.UUID;

/** The token's merchant's own shipping templates; another merchant's answer 404. */
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
    public Uni<RestResponse<ShippingTemplateView>> create(@Valid @NotNull ShippingTemplateRequest request,
                                                          UriInfo uri) {
        return templates.create(scope(), request).map(created -> Responses.created(uri, created.id(), created));
    }

    @GET
    public Uni<Page<ShippingTemplateView>> list(@QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        return templates.list(scope(), PageRequest.parse(limit, cursor));
    }

    @GET
    @Path("{id}")
    public Uni<ShippingTemplateView> get(@RestPath UUID id) {
        return templates.get(scope(), id);
    }

    @PUT
    @Path("{id}")
    public Uni<ShippingTemplateView> update(@RestPath UUID id, @Valid @NotNull ShippingTemplateRequest request) {
        return templates.update(scope(), id, request);
    }

    @DELETE
    @Path("{id}")
    public Uni<RestResponse<Void>> delete(@RestPath UUID id) {
        return templates.delete(scope(), id).map(done -> RestResponse.noContent());
    }

    private MerchantScope scope() {
        return MerchantScope.merchant(user.merchantId());
    }
}
