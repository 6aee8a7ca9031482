package io.flashorder.logistics.carrier;

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
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestResponse;

import java.util.List;
import java.util.UUID;

/** The merchant's carrier rules (which carrier takes which parcel) and shipping insurance settings. */
@Tag(name = "Logistics (merchant)",
        description = "A merchant's parcels, pick waves, packing, carriers, waybills and documents")
@Path("/api/v1/merchant")
@RolesAllowed(Roles.MERCHANT)
public class MerchantCarrierResource {

    private final CarrierRuleService rules;
    private final CurrentUser user;

    public MerchantCarrierResource(CarrierRuleService rules, CurrentUser user) {
        this.rules = rules;
        this.user = user;
    }

    @Operation(summary = "List own carrier rules")
    @GET
    @Path("carrier-rules")
    public Uni<List<CarrierRule>> list() {
        return rules.rules(user.merchantId());
    }

    @Operation(summary = "Add a carrier rule")
    @POST
    @Path("carrier-rules")
    @APIResponse(responseCode = "201", description = "The rule",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = CarrierRule.class)))
    public Uni<RestResponse<CarrierRule>> add(@Valid @NotNull CarrierRuleRequest request) {
        return rules.add(user.merchantId(), request).map(rule -> RestResponse.status(RestResponse.Status.CREATED, rule));
    }

    @Operation(summary = "Delete an own carrier rule")
    @DELETE
    @Path("carrier-rules/{id}")
    @APIResponse(responseCode = "204", description = "Deleted")
    public Uni<RestResponse<Void>> delete(@RestPath UUID id) {
        return rules.delete(user.merchantId(), id).map(nothing -> RestResponse.noContent());
    }

    @Operation(summary = "Get own shipping insurance settings")
    @GET
    @Path("logistics-settings")
    public Uni<LogisticsSettingsView> settings() {
        return rules.settings(user.merchantId());
    }

    @Operation(summary = "Set own shipping insurance settings")
    @PUT
    @Path("logistics-settings")
    public Uni<LogisticsSettingsView> saveSettings(@Valid @NotNull LogisticsSettingsRequest request) {
        return rules.saveSettings(user.merchantId(), request);
    }
}
