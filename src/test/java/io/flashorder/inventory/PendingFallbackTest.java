package io.flashorder.inventory;

import org.junit.jupiter.api.Test;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PendingFallbackTest {

    @Test
    void aMemberReadsBackWhateverTheBuyerIdHolds() {
        String buyer = "tenant|7:buyer:42";
        PendingFallback pending = new PendingFallback(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), 3,
                OrderKeys.idempotency(OrderSlot.of(6), buyer, "ab12"));
        PendingFallback read = PendingFallback.parse(pending.member());
        assertThat(read).isEqualTo(pending);
        assertThat(read.userId()).isEqualTo(buyer);
        assertThat(read.keyDigest()).isEqualTo("ab12");
        assertThat(read.idempotencyKeyIn(OrderSlot.of(3))).isEqualTo(OrderKeys.idempotency(OrderSlot.of(3), buyer, "ab12"));
    }

    @Test
    void somethingElseIsRefused() {
        assertThatThrownBy(() -> PendingFallback.parse("not|a|member")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PendingFallback.parse("x|y|z|1|idem:{p}:b:d")).isInstanceOf(IllegalArgumentException.class);
    }
}
