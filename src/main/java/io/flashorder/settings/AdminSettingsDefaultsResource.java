package io.flashorder.settings;

import io.flashorder.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The platform defaults (from configuration, read-only here). Merchants see them inside their own settings. */
@Tag(name = "Settings (admin)", description = "Any merchant's settings and the platform defaults")
@Path("/api/v1/admin/merchant-settings/defaults")
@RolesAllowed(Roles.ADMIN)
public class AdminSettingsDefaultsResource {

    private final MerchantSettingsService settings;

    public AdminSettingsDefaultsResource(MerchantSettingsService settings) {
        this.settings = settings;
    }

    @GET
    @Operation(summary = "The platform defaults of merchant settings")
    public SettingsView.DefaultsView get() {
        return SettingsView.DefaultsView.of(settings.defaults());
    }
}
