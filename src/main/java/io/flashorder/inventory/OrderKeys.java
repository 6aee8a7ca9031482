package io.flashorder.inventory;

import java.util.UUID;

/**
 * Redis keys of accepted orders (written by the reservation script, so inventory owns them; the order package reads
 * them), all in the {@code {p}} partition so the reservation script touches one slot.
 * <ul>
 *   <li>{@code orders:{p}:placed} stream: one entry per accepted order, fields {@code orderId}, {@code payload}
 *       (JSON of the order's {@code PlacedOrder}) and {@code allocation} (JSON array of its {@code Allocation}s);
 *       it keeps the order until the writer has committed it to PostgreSQL.</li>
 *   <li>{@code order:{p}:hold:<orderId>} hash: {@code userId}, {@code status}, {@code payload}, {@code allocation};
 *       the reservation, readable at once (read-your-writes) and released or committed by the lifecycle.</li>
 *   <li>{@code order:{p}:deadlines} sorted set: order ids scored by payment deadline (epoch millis).</li>
 *   <li>{@code idem:{p}:<userId>:<sha256(key)>}: {@code <requestHash>|<orderId>} of an accepted placement.</li>
 * </ul>
 */
public final class OrderKeys {

    public static final String PLACED_STREAM = "orders:{p}:placed";
    public static final String WRITER_GROUP = "order-writers";
    public static final String DEADLINES = "order:{p}:deadlines";

    private OrderKeys() {
    }

    public static String hold(UUID orderId) {
        return "order:{p}:hold:" + orderId;
    }

    public static String idempotency(String userId, String keyDigest) {
        return "idem:{p}:" + userId + ":" + keyDigest;
    }
}
