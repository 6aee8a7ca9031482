package io.flashorder.catalog.campaign;

import io.flashorder.inventory.bucket.StockBuckets;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Creates or replaces a flash-sale campaign and its SKUs. */
public record CampaignRequest(
        @NotBlank @Size(max = 120) String name,
        @NotNull Instant startsAt,
        @Schema(description = "must be after startsAt") @NotNull Instant endsAt,
        @NotNull @Positive @Max(1000) Integer perUserLimit,
        @NotNull @Min(60) @Max(86_400) Integer paymentTimeoutSeconds,
        @NotNull @Size(min = 1, max = 200) List<@NotNull @Valid Item> items) {

    public record Item(
            @NotNull UUID skuId,
            @NotNull @PositiveOrZero @Max(100_000_000_000L) Long campaignPrice,
            @NotNull @PositiveOrZero @Max(10_000_000) Integer campaignStock,
            @Schema(description = "Redis stock buckets the campaign stock is split over, for a hot SKU; default 1")
            @Min(1) @Max(StockBuckets.MAX) Integer stockBuckets) {

        /** The bucket count asked for, 1 when the request leaves it out. */
        public int bucketsOrDefault() {
            return stockBuckets == null ? 1 : stockBuckets;
        }
    }
}
