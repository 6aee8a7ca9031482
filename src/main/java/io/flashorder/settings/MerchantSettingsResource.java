package io.flashorder.settings;

import io.flashorder.security.CurrentUser;
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

/** A merchant's own settings (timeouts, webhook); the token names the merchant. */
@Tag(name = "Settings (merchant)", description = "A merchant's own settings: timeouts and webhook target")
@Path("/api/v1/merchant/settings")
@RolesAllowed(Roles.MERCHANT)
public class MerchantSettingsResource {

    private final MerchantSettingsService settings;
    private final CurrentUser user;

    public MerchantSettingsResource(MerchantSettingsService settings, CurrentUser user) {
        this.settings = settings;
        this.user = user;
    }

    @GET
    @Operation(summary = "Get own settings")
    public Uni<SettingsView> get() {
        return Uni.createFrom().item(() -> settings.view(user.merchantId()));
    }

    @PUT
    @Operation(summary = "Replace own settings (webhook secret write-only)")
    public Uni<SettingsView> update(@Valid @NotNull SettingsRequest request) {
        return settings.update(user.merchantId(), request);
    }
}
