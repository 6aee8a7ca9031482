package io.flashorder.logistics.warehouse;

import io.flashorder.logistics.warehouse.ParcelRepository.NewParcel;
import io.flashorder.logistics.warehouse.ParcelRepository.UnsplitUnits;
import io.flashorder.order.lifecycle.PaidOrderStep;
import io.flashorder.platform.Ids;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * At payment (in its transaction): each merchant order yields one parcel per warehouse its units were reserved
 * from. A merchant order that already has parcels is left alone, so a repeated step changes nothing.
 */
@ApplicationScoped
public class ParcelSplitter implements PaidOrderStep {

    private final ParcelRepository parcels;

    public ParcelSplitter(ParcelRepository parcels) {
        this.parcels = parcels;
    }

    @Override
    public Uni<Void> paid(SqlConnection tx, UUID orderId, Instant at) {
        return parcels.unsplit(tx, orderId)
                .chain(units -> parcels.insertSplit(tx, orderId, split(units), at));
    }

    /** One parcel per (merchant order, warehouse), lines in the order the query gave them. */
    static List<NewParcel> split(List<UnsplitUnits> units) {
        Map<List<UUID>, List<UnsplitUnits>> groups = new LinkedHashMap<>();
        for (UnsplitUnits unit : units) {
            groups.computeIfAbsent(List.of(unit.merchantOrderId(), unit.warehouseId()), key -> new ArrayList<>())
                    .add(unit);
        }
        List<NewParcel> split = new ArrayList<>();
        groups.forEach((key, group) -> {
            UnsplitUnits first = group.get(0);
            split.add(new NewParcel(Ids.newId(), first.merchantId(), first.warehouseId(), first.merchantOrderId(),
                    first.buyerId(), group.stream().map(unit -> new ParcelLine(unit.lineId(), unit.merchantOrderId(),
                            unit.skuId(), unit.quantity())).toList()));
        });
        return split;
    }
}
