package io.flashorder.logistics.warehouse;

import io.flashorder.fulfilment.HandOffStep;
import io.flashorder.platform.error.ApiException;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * A merchant order handed to a carrier in one call (outside the warehouse flow) takes its open parcels with it;
 * refused while one of them also carries another merchant order's units (merged), which must leave together.
 */
@ApplicationScoped
public class ParcelHandOff implements HandOffStep {

    private final ParcelRepository parcels;

    public ParcelHandOff(ParcelRepository parcels) {
        this.parcels = parcels;
    }

    @Override
    public Uni<Void> handedOff(SqlConnection tx, UUID merchantOrderId, String carrier, String trackingNumber,
                               Instant at) {
        return parcels.openParcelsOf(tx, merchantOrderId).chain(open -> {
            var shared = open.stream().filter(ParcelRepository.OpenParcel::shared).findFirst();
            if (shared.isPresent()) {
                return Uni.createFrom().failure(ApiException.conflict("parcel-merged",
                        "Merchant order " + merchantOrderId + " shares parcel " + shared.get().id()
                                + " with another merchant order; hand that parcel over instead",
                        Map.of("parcelId", shared.get().id())));
            }
            if (open.isEmpty()) {
                return Uni.createFrom().voidItem();
            }
            return parcels.shipOutsideFlow(tx, open.stream().map(ParcelRepository.OpenParcel::id).toList(), carrier,
                    trackingNumber, at);
        });
    }
}
