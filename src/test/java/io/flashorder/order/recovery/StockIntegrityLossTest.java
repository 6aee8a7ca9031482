package io.flashorder.order.recovery;

import io.flashorder.inventory.OrderKeys;
import io.flashorder.inventory.OrderSlot;
import io.flashorder.order.writer.StreamId;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** When Redis is known to have lost writes PostgreSQL depends on: pure rules, no servers. */
class StockIntegrityLossTest {

    private static final OrderSlot BUCKET = OrderSlot.of(5);

    private static StockEpochRepository.Marks marks(Long epoch, String watermark) {
        return new StockEpochRepository.Marks(Optional.ofNullable(epoch), watermark == null ? Map.of()
                : Map.of(OrderSlot.HOME, StreamId.parse(watermark)));
    }

    private static Map<OrderSlot, Optional<StreamId>> home(String lastId) {
        return Map.of(OrderSlot.HOME, Optional.ofNullable(lastId).map(StreamId::parse));
    }

    @Test
    void redisWithTheSameEpochAndAStreamAtOrBeyondTheWatermarkIsTrusted() {
        assertThat(StockIntegrity.loss(marks(3L, "1700000000000-5"), Optional.of(3L),
                home("1700000000000-5"))).isEmpty();
        assertThat(StockIntegrity.loss(marks(3L, "1700000000000-5"), Optional.of(3L),
                home("1700000000001-0"))).isEmpty();
        assertThat(StockIntegrity.loss(marks(null, null), Optional.empty(), Map.of())).isEmpty();
    }

    @Test
    void aMissingOrOtherEpochOrAStreamBehindPostgresIsALoss() {
        assertThat(StockIntegrity.loss(marks(3L, null), Optional.empty(), Map.of()))
                .hasValueSatisfying(reason -> assertThat(reason).contains("no stock epoch"));
        assertThat(StockIntegrity.loss(marks(3L, null), Optional.of(2L), Map.of()))
                .hasValueSatisfying(reason -> assertThat(reason).contains("older copy"));
        assertThat(StockIntegrity.loss(marks(3L, "1700000000000-5"), Optional.of(3L),
                home("1700000000000-4")))
                .hasValueSatisfying(reason -> assertThat(reason).contains("lost reservations"));
        assertThat(StockIntegrity.loss(marks(3L, "1700000000000-5"), Optional.of(3L), home(null)))
                .isPresent();
    }

    @Test
    void aBucketSlotsStreamBehindItsOwnWatermarkIsALossWhateverTheOtherSlotsSay() {
        StockEpochRepository.Marks marks = new StockEpochRepository.Marks(Optional.of(3L), Map.of(
                OrderSlot.HOME, StreamId.parse("1700000000000-5"), BUCKET, StreamId.parse("1700000000100-0")));

        assertThat(StockIntegrity.loss(marks, Optional.of(3L), Map.of(
                OrderSlot.HOME, Optional.of(StreamId.parse("1700000000200-0")),
                BUCKET, Optional.of(StreamId.parse("1700000000099-9")))))
                .hasValueSatisfying(reason -> assertThat(reason).contains(OrderKeys.placedStream(BUCKET))
                        .contains("lost reservations"));
        assertThat(StockIntegrity.loss(marks, Optional.of(3L), Map.of(
                OrderSlot.HOME, Optional.of(StreamId.parse("1700000000200-0")), BUCKET, Optional.empty())))
                .as("the bucket slot's stream is gone").isPresent();
        assertThat(StockIntegrity.loss(marks, Optional.of(3L), Map.of(
                OrderSlot.HOME, Optional.of(StreamId.parse("1700000000005-0")),
                BUCKET, Optional.of(StreamId.parse("1700000000100-0"))))).isEmpty();
        // A slot PostgreSQL never wrote an order from has nothing to lose, whatever its stream says.
        assertThat(StockIntegrity.loss(marks(3L, "1700000000000-5"), Optional.of(3L), Map.of(
                OrderSlot.HOME, Optional.of(StreamId.parse("1700000000000-5")), BUCKET, Optional.empty()))).isEmpty();
    }

    @Test
    void streamIdsOrderAsRedisOrdersThem() {
        assertThat(StreamId.parse("10-2")).isLessThan(StreamId.parse("10-10"));
        assertThat(StreamId.parse("9-99")).isLessThan(StreamId.parse("10-0"));
        assertThat(StreamId.parse("1700000000000-7").toString()).isEqualTo("1700000000000-7");
    }
}
