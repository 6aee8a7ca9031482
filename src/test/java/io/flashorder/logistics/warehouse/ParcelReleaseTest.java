package io.flashorder.logistics.warehouse;

import io.flashorder.aftersale.ReleasedUnitsStep.ReleasedUnits;
import io.flashorder.logistics.warehouse.ParcelRepository.OpenParcelLine;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Which open parcel lines give up released units: same line, same warehouse, parcels in id order, never more. */
class ParcelReleaseTest {

    private static final UUID NORTH = UUID.fromString("00000000-0000-7000-8000-00000000000a");
    private static final UUID SOUTH = UUID.fromString("00000000-0000-7000-8000-00000000000b");
    private static final UUID P1 = UUID.fromString("00000000-0000-7000-8000-000000000001");
    private static final UUID P2 = UUID.fromString("00000000-0000-7000-8000-000000000002");
    private static final UUID P3 = UUID.fromString("00000000-0000-7000-8000-000000000003");
    private static final UUID LINE = UUID.fromString("00000000-0000-7000-8000-0000000000f1");
    private static final UUID OTHER_LINE = UUID.fromString("00000000-0000-7000-8000-0000000000f2");

    private static OpenParcelLine line(UUID parcel, UUID warehouse, UUID lineId, int quantity) {
        return new OpenParcelLine(parcel, warehouse, ParcelStatus.AWAITING_PICK, lineId, quantity);
    }

    @Test
    void unitsLeaveTheParcelsOfTheirWarehouseInOrderAndNoMoreThanThey() {
        List<OpenParcelLine> open = List.of(line(P1, NORTH, LINE, 2), line(P1, NORTH, OTHER_LINE, 1),
                line(P2, NORTH, LINE, 3), line(P3, SOUTH, LINE, 4));

        List<OpenParcelLine> taken = ParcelRelease.take(open, List.of(new ReleasedUnits(LINE, NORTH, 4),
                new ReleasedUnits(LINE, SOUTH, 1)));

        assertThat(taken).extracting(OpenParcelLine::parcelId, OpenParcelLine::lineId, OpenParcelLine::quantity)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(P1, LINE, 2),
                        org.assertj.core.groups.Tuple.tuple(P2, LINE, 2),
                        org.assertj.core.groups.Tuple.tuple(P3, LINE, 1));
    }

    @Test
    void unitsNoOpenParcelCarriesAreLeftAlone() {
        List<OpenParcelLine> open = List.of(line(P1, NORTH, LINE, 1));
        assertThat(ParcelRelease.take(open, List.of(new ReleasedUnits(LINE, NORTH, 3))))
                .extracting(OpenParcelLine::quantity).containsExactly(1);
        assertThat(ParcelRelease.take(open, List.of(new ReleasedUnits(LINE, SOUTH, 1)))).isEmpty();
        assertThat(ParcelRelease.take(List.of(), List.of(new ReleasedUnits(LINE, NORTH, 1)))).isEmpty();
    }
}
