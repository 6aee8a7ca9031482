package io.flashorder.logistics.warehouse;

import io.flashorder.aftersale.ReleasedUnitsStep;
import io.flashorder.logistics.warehouse.ParcelRepository.OpenParcelLine;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Units refunded before shipment (after-sales put them back into a warehouse's stock) are taken out of the open
 * parcels of that warehouse that carry them, in the refund's transaction: a parcel left empty is CANCELLED (no
 * wave, pick, packing, document or hand-over takes it), a packed one that lost units goes back to PACKING to be
 * reviewed again. Units no open parcel carries (an order paid before parcels existed) are left as they are.
 */
@ApplicationScoped
public class ParcelRelease implements ReleasedUnitsStep {

    private final ParcelRepository parcels;

    public ParcelRelease(ParcelRepository parcels) {
        this.parcels = parcels;
    }

    @Override
    public Uni<Void> released(SqlConnection tx, UUID merchantOrderId, List<ReleasedUnits> units, Instant at) {
        if (units.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return parcels.lockOpenLinesOf(tx, merchantOrderId).chain(open -> {
            List<OpenParcelLine> taken = take(open, units);
            return taken.isEmpty() ? Uni.createFrom().voidItem() : parcels.release(tx, taken, at);
        });
    }

    /** What to take out of which open parcel line (its quantity the units taken), parcels in id order. */
    static List<OpenParcelLine> take(List<OpenParcelLine> open, List<ReleasedUnits> units) {
        List<OpenParcelLine> taken = new ArrayList<>();
        int[] left = open.stream().mapToInt(OpenParcelLine::quantity).toArray();
        for (ReleasedUnits released : units) {
            int wanted = released.quantity();
            for (int i = 0; i < open.size() && wanted > 0; i++) {
                OpenParcelLine line = open.get(i);
                if (line.lineId().equals(released.lineId()) && line.warehouseId().equals(released.warehouseId())
                        && left[i] > 0) {
                    int take = Math.min(left[i], wanted);
                    left[i] -= take;
                    wanted -= take;
                    taken.add(new OpenParcelLine(line.parcelId(), line.warehouseId(), line.status(), line.lineId(),
                            take));
                }
            }
            if (wanted > 0) {
                Log.infof("%d unit(s) of line %s released in warehouse %s are in no open parcel", wanted,
                        released.lineId(), released.warehouseId());
            }
        }
        return taken;
    }
}
