package io.flashorder.feedback;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A merchant's or a SKU's ratings, from the rollups: how many, and per dimension the average (exact to 2 decimals,
 * half up; null without ratings) and the distribution of stars 1–5; how many ratings carried each tag.
 */
public record RatingSummary(UUID merchantId, @Schema(nullable = true) UUID skuId, long ratings, Dimension goods,
                            Dimension service, Dimension delivery, Map<FeedbackTag, Long> tags) {

    /** Ratings of one dimension (GOODS, SERVICE or DELIVERY) with the given stars, as the rollup counts them. */
    public record StarCount(String dimension, int stars, long ratings) {
    }

    public record Dimension(@Schema(nullable = true) BigDecimal average, Map<Integer, Long> distribution) {

        static Dimension of(List<StarCount> counts, String dimension) {
            Map<Integer, Long> distribution = new LinkedHashMap<>();
            for (int stars = 1; stars <= 5; stars++) {
                distribution.put(stars, 0L);
            }
            long ratings = 0;
            long starsTotal = 0;
            for (StarCount count : counts) {
                if (count.dimension().equals(dimension)) {
                    distribution.merge(count.stars(), count.ratings(), Long::sum);
                    ratings += count.ratings();
                    starsTotal += count.stars() * count.ratings();
                }
            }
            BigDecimal average = ratings == 0 ? null
                    : BigDecimal.valueOf(starsTotal).divide(BigDecimal.valueOf(ratings), 2, RoundingMode.HALF_UP);
            return new Dimension(average, java.util.Collections.unmodifiableMap(distribution));
        }

        long ratings() {
            return distribution.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    public static RatingSummary of(UUID merchantId, UUID skuId, List<StarCount> stars, Map<FeedbackTag, Long> tags) {
        Dimension goods = Dimension.of(stars, FeedbackRollups.GOODS);
        Map<FeedbackTag, Long> tagCounts = new EnumMap<>(FeedbackTag.class);
        for (FeedbackTag tag : FeedbackTag.values()) {
            tagCounts.put(tag, tags.getOrDefault(tag, 0L));
        }
        // Every rating has all three dimensions: any one of them counts the ratings.
        return new RatingSummary(merchantId, skuId, goods.ratings(), goods,
                Dimension.of(stars, FeedbackRollups.SERVICE), Dimension.of(stars, FeedbackRollups.DELIVERY), tagCounts);
    }
}
