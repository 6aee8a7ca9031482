package io.flashorder.inventory;

import java.util.UUID;

/**
 * Redis keys of accepted orders (written by the reservation script, so inventory owns them; the order package reads
 * them). Each order's keys share its {@link OrderSlot}'s hash tag so the reservation script touches one slot; the
 * constants and one-argument methods are the {@code {p}} slot's, where every order without bucketed stock lives.
 * <ul>
 *   <li>{@code orders:<tag>:placed} stream: one entry per accepted order, fields {@code orderId}, {@code payload}
 *       (JSON of the order's {@code PlacedOrder}) and {@code allocation} (JSON array of its {@code Allocation}s);
 *       it keeps the order until the writer has committed it to PostgreSQL. One stream per slot.</li>
 *   <li>{@code order:<tag>:hold:<orderId>} hash: {@code userId}, {@code status}, {@code entry} (the id of the order's
 *       stream entry, where its payload and allocation are while PostgreSQL does not have it); the reservation,
 *       readable at once (read-your-writes) and released or committed by the lifecycle.</li>
 *   <li>{@code order:<tag>:deadlines} sorted set: order ids scored by payment deadline (epoch millis).</li>
 *   <li>{@code idem:<tag>:<userId>:<sha256(key)>}: {@code <requestHash>|<orderId>} of an accepted placement.</li>
 *   <li>{@code order:<tag>:pending-fallbacks} sorted set: a bucketed order's fallbacks not settled yet in its buyer's
 *       home slot, scored by when they began (Redis time, epoch millis); see {@link PendingFallback}.</li>
 * </ul>
 */
public final class OrderKeys {

    public static final String PLACED_STREAM = placedStream(OrderSlot.HOME);
    public static final String WRITER_GROUP = "order-writers";
    public static final String DEADLINES = deadlines(OrderSlot.HOME);

    private OrderKeys() {
    }

    public static String placedStream(OrderSlot slot) {
        return "orders:" + slot.tag() + ":placed";
    }

    public static String deadlines(OrderSlot slot) {
        return "order:" + slot.tag() + ":deadlines";
    }

    public static String hold(UUID orderId) {
        return hold(OrderSlot.HOME, orderId);
    }

    public static String hold(OrderSlot slot, UUID orderId) {
        return "order:" + slot.tag() + ":hold:" + orderId;
    }

    public static String idempotency(String userId, String keyDigest) {
        return idempotency(OrderSlot.HOME, userId, keyDigest);
    }

    public static String idempotency(OrderSlot slot, String userId, String keyDigest) {
        return "idem:" + slot.tag() + ":" + userId + ":" + keyDigest;
    }

    public static String pendingFallbacks(OrderSlot slot) {
        return "order:" + slot.tag() + ":pending-fallbacks";
    }
}
