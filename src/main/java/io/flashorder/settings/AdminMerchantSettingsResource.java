package io.flashorder.settings;

import io.flashorder.catalog.merchant.MerchantService;
import io.flashorder.security.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;

import java.util.UUID;

/** An operator reads or sets any merchant's settings; an unknown merchant answers 404. */
@Tag(name = "Settings (admin)", description = "Any merchant's settings and the platform defaults")
@Path("/api/v1/admin/merchants/{id}/settings")
@RolesAllowed(Roles.ADMIN)
public class AdminMerchantSettingsResource {

    private final MerchantSettingsService settings;
    private final MerchantService merchants;

    public AdminMerchantSettingsResource(MerchantSettingsService settings, MerchantService merchants) {
        this.settings = settings;
        this.merchants = merchants;
    }

    @GET
    @Operation(summary = "Get a merchant's settings")
    public Uni<SettingsView> get(@RestPath UUID id) {
        return merchants.get(id).map(merchant -> settings.view(id));
    }

    @PUT
    @Operation(summary = "Replace a merchant's settings")
    public Uni<SettingsView> update(@RestPath UUID id, @Valid @NotNull SettingsRequest request) {
        return merchants.get(id).chain(merchant -> settings.update(id, request));
    }
}
