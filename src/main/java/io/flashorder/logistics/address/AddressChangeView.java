package io.flashorder.logistics.address;

import io.flashorder.order.query.OrderView;

import java.util.List;
import java.util.UUID;

/**
 * The order's address after the change (in clear, for its own buyer) and, per merchant order, its shipping fee
 * re-priced for the new region: the difference is recorded as owed, never charged or refunded by this change.
 */
public record AddressChangeView(UUID orderId, OrderView.AddressView address, List<Repricing> shipping) {

    /** {@code difference} = {@code newFee} - {@code chargedFee} (minor units of {@code currency}). */
    public record Repricing(UUID merchantOrderId, String previousRegion, String newRegion, long chargedFee,
                            long newFee, long difference, String currency, Settlement settlement) {
    }

    /** Who owes the difference; it is recorded for the merchant, not collected or paid back automatically. */
    public enum Settlement {
        NONE, OWED_BY_BUYER, OWED_TO_BUYER;

        static Settlement of(long difference) {
            return difference == 0 ? NONE : difference > 0 ? OWED_BY_BUYER : OWED_TO_BUYER;
        }
    }
}
