package io.flashorder.checkout.preview;

import io.flashorder.pricing.quote.PriceQuote;
import io.flashorder.security.CurrentUser;
import io.flashorder.security.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** {@code POST /api/v1/carts/price}: what this cart costs now, for this buyer; nothing is written. */
@Tag(name = "Pricing", description = "Cart price preview")
@Path("/api/v1/carts/price")
@RolesAllowed(Roles.CUSTOMER)
public class CartPriceResource {

    private final CartPreviewService preview;
    private final CurrentUser user;

    public CartPriceResource(CartPreviewService preview, CurrentUser user) {
        this.preview = preview;
        this.user = user;
    }

    @POST
    @Operation(summary = "Price a cart as checkout would (no reservation)")
    @APIResponse(responseCode = "409",
            description = "A coupon is held by another order or used (coupon-locked, coupon-used)")
    @APIResponse(responseCode = "422",
            description = "The cart cannot be priced: unknown or inactive SKU, campaign not live, coupon not "
            + "applicable...")
    @APIResponseSchema(value = PriceQuote.class, responseCode = "200", responseDescription = "The price breakdown")
    public Uni<PriceQuote> price(@Valid @NotNull CartPriceRequest request) {
        return preview.preview(request, user.userId(), user.tier().orElse(null));
    }
}
