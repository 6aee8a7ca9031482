package io.flashorder.order.recovery;

import io.flashorder.order.writer.StreamId;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** When Redis is known to have lost writes PostgreSQL depends on: pure rules, no servers. */
class StockIntegrityLossTest {

    private static StockEpochRepository.Marks marks(Long epoch, String watermark) {
        return new StockEpochRepository.Marks(Optional.ofNullable(epoch),
                Optional.ofNullable(watermark).map(StreamId::parse));
    }

    @Test
    void redisWithTheSameEpochAndAStreamAtOrBeyondTheWatermarkIsTrusted() {
        assertThat(StockIntegrity.loss(marks(3L, "1700000000000-5"), Optional.of(3L),
                Optional.of(StreamId.parse("1700000000000-5")))).isEmpty();
        assertThat(StockIntegrity.loss(marks(3L, "1700000000000-5"), Optional.of(3L),
                Optional.of(StreamId.parse("1700000000001-0")))).isEmpty();
        assertThat(StockIntegrity.loss(marks(null, null), Optional.empty(), Optional.empty())).isEmpty();
    }

    @Test
    void aMissingOrOtherEpochOrAStreamBehindPostgresIsALoss() {
        assertThat(StockIntegrity.loss(marks(3L, null), Optional.empty(), Optional.empty()))
                .hasValueSatisfying(reason -> assertThat(reason).contains("no stock epoch"));
        assertThat(StockIntegrity.loss(marks(3L, null), Optional.of(2L), Optional.empty()))
                .hasValueSatisfying(reason -> assertThat(reason).contains("older copy"));
        assertThat(StockIntegrity.loss(marks(3L, "1700000000000-5"), Optional.of(3L),
                Optional.of(StreamId.parse("1700000000000-4"))))
                .hasValueSatisfying(reason -> assertThat(reason).contains("lost reservations"));
        assertThat(StockIntegrity.loss(marks(3L, "1700000000000-5"), Optional.of(3L), Optional.empty()))
                .isPresent();
    }

    @Test
    void streamIdsOrderAsRedisOrdersThem() {
        assertThat(StreamId.parse("10-2")).isLessThan(StreamId.parse("10-10"));
        assertThat(StreamId.parse("9-99")).isLessThan(StreamId.parse("10-0"));
        assertThat(StreamId.parse("1700000000000-7").toString()).isEqualTo("1700000000000-7");
    }
}
