package io.flashorder.pricing.preview;

import io.flashorder.platform.openapi.ConfiguredValues;
import io.flashorder.pricing.quote.CartLine;
import io.flashorder.pricing.quote.CartRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;
import java.util.UUID;

/**
 * A cart to preview the price of: 1 to 50 lines (each SKU once, 1 to 99 units), the destination region (one of
 * {@code flashorder.regions}), the buyer's coupons to apply and the flash-sale campaign bought in, if any.
 */
public record CartPriceRequest(
        @NotNull @Size(min = 1, max = 50) List<@NotNull @Valid Item> items,
        @Schema(extensions = @Extension(name = ConfiguredValues.VALUES, value = ConfiguredValues.REGIONS))
        @NotBlank @Size(max = 16) String regionCode,
        @Size(max = 20) List<@NotNull UUID> couponIds,
        UUID campaignId) {

    public record Item(@NotNull UUID skuId, @NotNull @Min(1) @Max(99) Integer quantity) {
    }

    /** The engine's request for this buyer (user id and member tier from the token). */
    CartRequest toCart(String buyerUserId, String memberTier) {
        return new CartRequest(buyerUserId, memberTier, campaignId, regionCode,
                items.stream().map(i -> new CartLine(i.skuId(), i.quantity())).toList(),
                couponIds == null ? List.of() : couponIds);
    }
}
