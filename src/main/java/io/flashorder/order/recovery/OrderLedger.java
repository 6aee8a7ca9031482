package io.flashorder.order.recovery;

import io.flashorder.inventory.ExpectedStock;
import io.flashorder.inventory.OrderSlot;
import io.flashorder.inventory.OrderStock;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What PostgreSQL says of the orders' stock, read in one snapshot: every order whose Redis step may still be due
 * (unsettled, pending ones included) one by one, the settled ones in bulk (units sold per SKU and warehouse, and
 * per campaign SKU and buyer), the verdict of the further orders asked about, the units after-sales returned of
 * orders a stock bucket sold (loaded into {p} again), and the units after-sales recorded as going back to stock whose
 * Redis step PostgreSQL has not seen done yet (their Redis marker tells).
 */
public record OrderLedger(Map<UUID, Order> unsettled, Map<UUID, Verdict> settledVerdicts,
                          List<SoldUnits> settledSold, List<CampaignSoldUnits> settledCampaignSold,
                          List<SoldUnits> returnedFromBuckets, List<PendingReturn> pendingReturns) {

    /** What an order's units are, as PostgreSQL decided. */
    public enum Verdict {
        /** Pending: its units are held. */
        HELD,
        /** Paid (or cash on delivery confirmed, or revived by a late payment): its units are sold. */
        SOLD,
        /** Cancelled and never paid: its units went back. */
        RELEASED;

        /** The hold status that says the same ({@code null} for a held order: its hold is pending). */
        public String holdStatus() {
            return switch (this) {
                case HELD -> "PENDING_PAYMENT";
                case SOLD -> "PAID";
                case RELEASED -> "RELEASED";
            };
        }

        public ExpectedStock.Use use() {
            return this == SOLD ? ExpectedStock.Use.SOLD : ExpectedStock.Use.HELD;
        }
    }

    /** One order with what it reserved, as the settlement scripts take it, and its payment deadline. */
    public record Order(OrderStock stock, Verdict verdict, Instant paymentDeadline) {
    }

    /** Units sold from a warehouse's stock in a slot ({@code customer_order.stock_slot}; after-sales in {p}). */
    public record SoldUnits(OrderSlot slot, UUID skuId, UUID warehouseId, long units) {
    }

    public record CampaignSoldUnits(OrderSlot slot, UUID campaignId, UUID skuId, String buyerId, long units) {
    }

    /**
     * Units an after-sale case gives back to a warehouse, recorded in PostgreSQL, not marked applied there yet.
     *
     * @param soldInBucket the order was sold in a stock bucket's slot: the units come back into {p} as loaded stock
     */
    public record PendingReturn(UUID caseId, UUID skuId, UUID warehouseId, long units, boolean soldInBucket) {
    }
}
