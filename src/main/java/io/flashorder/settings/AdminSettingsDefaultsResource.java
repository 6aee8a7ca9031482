package io.flashorder.settings;

import io.flashorder.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

/** The platform defaults (from configuration, read-only here). Merchants see them inside their own settings. */
@Path("/api/v1/admin/merchant-settings/defaults")
@RolesAllowed(Roles.ADMIN)
public class AdminSettingsDefaultsResource {

    private final MerchantSettingsService settings;

    public AdminSettingsDefaultsResource(MerchantSettingsService settings) {
        this.settings = settings;
    }

    @GET
    public SettingsView.DefaultsView get() {
        return SettingsView.DefaultsView.of(settings.defaults());
    }
}
