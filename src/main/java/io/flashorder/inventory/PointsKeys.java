package io.flashorder.inventory;

/**
 * Redis layout of a buyer's spendable member points, in the {@code {p}} partition so the checkout's reservation
 * script holds points in the same slot as the stock. The points feature writes it from its PostgreSQL ledger; the
 * order scripts (reserve, release, revive) hold and give back points, so the layout lives here, beside the stock.
 * <ul>
 *   <li>{@code points:{p}:<buyerId>} hash: {@value #BALANCE} (the ledger's balance as of {@value #VERSION}, the
 *       account version), {@value #HELD} (points held by orders not paid yet), one field {@value #ORDER_PREFIX}
 *       {@code <orderId>} per such order (its points), and {@value #EPOCH}: the stock epoch it was loaded in. A mirror
 *       of another epoch (Redis came back with less than it had) is not trusted: it is loaded again from
 *       PostgreSQL before points are spent. Spendable = balance − held.</li>
 *   <li>the hold record of an order that spends points carries {@value #HOLD_POINTS}: how many.</li>
 * </ul>
 */
public final class PointsKeys {

    public static final String BALANCE = "balance";
    public static final String VERSION = "version";
    public static final String HELD = "held";
    public static final String EPOCH = "epoch";
    public static final String ORDER_PREFIX = "o:";
    public static final String HOLD_POINTS = "points";

    private PointsKeys() {
    }

    public static String account(String buyerId) {
        return "points:" + InventoryKeys.PARTITION + ":" + buyerId;
    }

    /**
     * The points key the settlement scripts get for an order of {@code slot}: the buyer's account in {@code {p}}, and
     * for another slot a key of that slot that never exists (its orders spend no points: checkout refuses them), so
     * every key of the call stays in one slot.
     */
    public static String accountFor(OrderSlot slot, String buyerId) {
        return slot.equals(OrderSlot.HOME) ? account(buyerId) : "points:" + slot.tag() + ":none";
    }
}
