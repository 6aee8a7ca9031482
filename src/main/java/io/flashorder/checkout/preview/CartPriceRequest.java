package io.flashorder.checkout.preview;

import io.flashorder.checkout.PlaceOrderRequest;
import io.flashorder.platform.openapi.ConfiguredValues;
import io.flashorder.pricing.quote.CartLine;
import io.flashorder.pricing.quote.CartRequest;
import io.flashorder.pricing.quote.PointsRedemption;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;
import java.util.UUID;

/**
 * A cart to preview the price of: 1 to 50 lines (each SKU once, 1 to 99 units), the destination region (one of
 * {@code flashorder.regions}), the buyer's coupons to apply, the flash-sale campaign bought in, if any, and the member
 * points to spend (absent or 0: none; bounded as at checkout, {@link PlaceOrderRequest#MAX_POINTS}).
 */
public record CartPriceRequest(
        @NotNull @Size(min = 1, max = 50) List<@NotNull @Valid Item> items,
        @Schema(extensions = @Extension(name = ConfiguredValues.VALUES, value = ConfiguredValues.REGIONS))
        @NotBlank @Size(max = 16) String regionCode,
        @Size(max = 20) List<@NotNull UUID> couponIds,
        UUID campaignId,
        @PositiveOrZero @Max(PlaceOrderRequest.MAX_POINTS) Long pointsToUse) {

    /** The points the cart spends (0 when absent). */
    public long pointsOrZero() {
        return pointsToUse == null ? 0 : pointsToUse;
    }

    public record Item(@NotNull UUID skuId, @NotNull @Min(1) @Max(99) Integer quantity) {
    }

    /** The engine's request for this buyer (user id and member tier from the token), spending these points. */
    CartRequest toCart(String buyerUserId, String memberTier, PointsRedemption points) {
        return new CartRequest(buyerUserId, memberTier, campaignId, regionCode,
                items.stream().map(i -> new CartLine(i.skuId(), i.quantity())).toList(),
                couponIds == null ? List.of() : couponIds, points);
    }
}
