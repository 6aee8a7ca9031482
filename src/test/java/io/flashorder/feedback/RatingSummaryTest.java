package io.flashorder.feedback;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class RatingSummaryTest {

    @Test
    void averagesAreExactToTwoDecimalsHalfUpAndEveryStarIsListed() {
        UUID merchant = UUID.randomUUID();
        // goods: 5,5,4 → 4.666… → 4.67; service: 1,2 → 1.50; delivery: none
        RatingSummary summary = RatingSummary.of(merchant, null, List.of(
                        new RatingSummary.StarCount("GOODS", 5, 2), new RatingSummary.StarCount("GOODS", 4, 1),
                        new RatingSummary.StarCount("SERVICE", 1, 1), new RatingSummary.StarCount("SERVICE", 2, 1)),
                Map.of(FeedbackTag.FAST_DELIVERY, 2L));

        assertThat(summary.ratings()).isEqualTo(3);
        assertThat(summary.goods().average()).isEqualTo(new BigDecimal("4.67"));
        assertThat(summary.goods().distribution()).containsExactly(Map.entry(1, 0L), Map.entry(2, 0L),
                Map.entry(3, 0L), Map.entry(4, 1L), Map.entry(5, 2L));
        assertThat(summary.service().average()).isEqualTo(new BigDecimal("1.50"));
        assertThat(summary.delivery().average()).isNull();
        assertThat(summary.tags()).containsEntry(FeedbackTag.FAST_DELIVERY, 2L)
                .containsEntry(FeedbackTag.POOR_QUALITY, 0L).hasSize(FeedbackTag.values().length);
    }
}
