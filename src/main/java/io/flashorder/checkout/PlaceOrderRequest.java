package io.flashorder.checkout;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.flashorder.order.PaymentMethod;
import io.flashorder.platform.openapi.ConfiguredValues;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;
import java.util.UUID;

/**
 * A buyer's order: what, where to, with which coupons, in which campaign, paid how, and how many member points it
 * spends (absent or 0: none).
 */
public record PlaceOrderRequest(
        @NotNull @Size(min = 1, max = 50) List<@NotNull @Valid Item> items,
        @NotNull @Valid Address address,
        @Size(max = 10) List<@NotNull UUID> couponIds,
        UUID campaignId,
        @Size(max = 200) String buyerNote,
        @NotNull PaymentMethod paymentMethod,
        // Left out of the request hash when absent, so an order without points hashes as it always did.
        @JsonInclude(JsonInclude.Include.NON_NULL) @PositiveOrZero @Max(MAX_POINTS) Long pointsToUse) {

    /** More points than any order could take at any sensible rate; bounds the input before pricing sees it. */
    public static final long MAX_POINTS = 1_000_000_000L;

    /** The points the order spends (0 when absent). */
    public long pointsOrZero() {
        return pointsToUse == null ? 0 : pointsToUse;
    }

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
