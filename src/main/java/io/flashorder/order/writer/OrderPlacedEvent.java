package io.flashorder.order.writer;

import io.flashorder.order.PaymentMethod;
import io.flashorder.order.PlacedOrder;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The OrderPlaced payload a merchant receives for its merchant order: what was bought, no personal data; the
 * campaign it was bought in (null: none) and the warehouses its units were reserved in (analytics attributes the
 * merchant order's stage durations to the first), and how many merchant orders the order has (analytics counts an
 * order of one merchant order by that merchant order's timeline alone).
 */
public record OrderPlacedEvent(UUID orderId, UUID merchantOrderId, UUID merchantId, PaymentMethod paymentMethod,
                               String currency, long subtotal, long discountTotal, long shippingFee, long payable,
                               Instant placedAt, Instant paymentDeadline, List<Line> lines, UUID campaignId,
                               List<UUID> warehouseIds, int merchantOrders) {

    public record Line(UUID skuId, String title, int quantity, long unitPrice, long payable) {
    }

    /** The event id of a merchant order's OrderPlaced: the same every time it is announced. */
    public static UUID eventId(UUID merchantOrderId) {
        return UUID.nameUUIDFromBytes(("ORDER_PLACED:" + merchantOrderId).getBytes(StandardCharsets.UTF_8));
    }

    static OrderPlacedEvent of(PersistableOrder persistable, PlacedOrder.MerchantPart part) {
        PlacedOrder order = persistable.order();
        Set<UUID> lineIds = new HashSet<>();
        part.lines().forEach(line -> lineIds.add(line.id()));
        List<UUID> warehouses = persistable.lineAllocations().stream()
                .filter(allocation -> lineIds.contains(allocation.lineId()))
                .map(PersistableOrder.LineAllocation::warehouseId).distinct().toList();
        return new OrderPlacedEvent(order.id(), part.id(), part.merchantId(), order.paymentMethod(), order.currency(),
                part.subtotal(), part.discountTotal(), part.shippingFee(), part.payable(), order.placedAt(),
                order.paymentDeadline(), part.lines().stream().map(line -> new Line(line.skuId(), line.title(),
                        line.quantity(), line.unitPrice(), line.payable())).toList(), order.campaignId(), warehouses,
                order.merchantOrders().size());
    }
}
