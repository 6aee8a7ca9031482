package io.flashorder.logistics.tracking;

import io.flashorder.logistics.carrier.TrackingStatus;
import io.flashorder.logistics.warehouse.ParcelStatus;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** Tracking events never move a parcel back. */
class TrackingRulesTest {

    private static final Instant T = Instant.parse("2026-12-01T10:00:00Z");

    @Test
    void onlyANewerEventMovesAShippedParcel() {
        assertThat(TrackingRules.next(ParcelStatus.SHIPPED, null, TrackingStatus.IN_TRANSIT, T))
                .contains(ParcelStatus.SHIPPED);
        assertThat(TrackingRules.next(ParcelStatus.SHIPPED, T, TrackingStatus.PICKED_UP, T.minusSeconds(1))).isEmpty();
        assertThat(TrackingRules.next(ParcelStatus.SHIPPED, T, TrackingStatus.DELIVERED, T)).isEmpty();
        assertThat(TrackingRules.next(ParcelStatus.SHIPPED, T, TrackingStatus.DELIVERED, T.plusSeconds(1)))
                .contains(ParcelStatus.DELIVERED);
        assertThat(TrackingRules.next(ParcelStatus.SHIPPED, T, TrackingStatus.REFUSED, T.plusSeconds(1)))
                .contains(ParcelStatus.REFUSED);
    }

    @Test
    void anExceptionIsLeftByANewerEventButDeliveredAndRefusedAreFinal() {
        assertThat(TrackingRules.next(ParcelStatus.SHIPPED, T, TrackingStatus.EXCEPTION, T.plusSeconds(1)))
                .contains(ParcelStatus.EXCEPTION);
        assertThat(TrackingRules.next(ParcelStatus.EXCEPTION, T, TrackingStatus.IN_TRANSIT, T.plusSeconds(1)))
                .contains(ParcelStatus.SHIPPED);
        assertThat(TrackingRules.next(ParcelStatus.DELIVERED, T, TrackingStatus.IN_TRANSIT, T.plusSeconds(9)))
                .isEmpty();
        assertThat(TrackingRules.next(ParcelStatus.REFUSED, T, TrackingStatus.DELIVERED, T.plusSeconds(9))).isEmpty();
        assertThat(TrackingRules.next(ParcelStatus.READY, null, TrackingStatus.PICKED_UP, T)).isEmpty();
    }
}
