package io.flashorder.checkout;

import io.flashorder.order.PaymentMethod;
import io.flashorder.platform.openapi.ConfiguredValues;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;
import java.util.UUID;

/** A buyer's order: what, where to, with which coupons, in which campaign, paid how. */
public record PlaceOrderRequest(
        @NotNull @Size(min = 1, max = 50) List<@NotNull @Valid Item> items,
        @NotNull @Valid Address address,
        @Size(max = 10) List<@NotNull UUID> couponIds,
        UUID campaignId,
        @Size(max = 200) String buyerNote,
        @NotNull PaymentMethod paymentMethod) {

    public record Item(
            @NotNull UUID skuId,
            @NotNull @Min(1) @Max(99) Integer quantity) {
    }

    public record Address(
            @NotBlank @Size(max = 100) String recipient,
            @NotBlank @Pattern(regexp = "\\+?[0-9][0-9 \\-]{5,22}[0-9]",
                    message = "must be a phone number of 7 to 24 digits, spaces or dashes") String phone,
            @Schema(extensions = @Extension(name = ConfiguredValues.VALUES, value = ConfiguredValues.REGIONS))
            @NotBlank @Size(max = 16) String regionCode,
            @NotBlank @Size(max = 300) String detail) {
    }

    public List<UUID> couponIdsOrEmpty() {
        return couponIds == null ? List.of() : couponIds;
    }
}
