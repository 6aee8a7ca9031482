package io.flashorder.aftersale.timers;

import io.flashorder.aftersale.AfterSaleService;
import io.flashorder.aftersale.AfterSaleSettingsView;
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

/** A merchant's own after-sales timeouts (review, ship-back, receipt, exchange confirmation). */
@Tag(name = "After-sales (merchant)", description = "A merchant's own after-sale cases: review, receive, refund, exchange, settings")
@Path("/api/v1/merchant/after-sale-settings")
@RolesAllowed(Roles.MERCHANT)
public class MerchantAfterSaleSettingsResource {

    private final AfterSaleService cases;
    private final CurrentUser user;

    public MerchantAfterSaleSettingsResource(AfterSaleService cases, CurrentUser user) {
        this.cases = cases;
        this.user = user;
    }

    @GET
    @Operation(summary = "Read own after-sales timeouts")
    public Uni<AfterSaleSettingsView> get() {
        return cases.settings(user.merchantId());
    }

    /** Replaces every value; null returns one to the platform default. */
    @PUT
    @Operation(summary = "Set own after-sales timeouts")
    public Uni<AfterSaleSettingsView> put(@Valid @NotNull AfterSaleSettingsView.Request request) {
        return cases.saveSettings(user.merchantId(), request);
    }
}
