package io.flashorder.support;

import io.flashorder.inventory.OrderSlot;
import io.flashorder.inventory.Reservation;
import io.flashorder.order.Allocation;
import io.flashorder.order.PaymentMethod;
import io.flashorder.order.PlacedOrder;
import io.flashorder.platform.Ids;
import io.flashorder.security.PiiCipher;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Accepted orders as the checkout would place them, for feeding the placed-orders stream in tests: several
 * merchant orders, several lines each, and each line's units allocated from two warehouses.
 */
public final class PlacedOrders {

    public static final String RECIPIENT = "Ada Lovelace";
    public static final String PHONE = "+44 20 7946 0958";
    public static final String DETAIL = "12 St James's Square, London";

    /** An order with its allocation, as the stream entry and the hold carry them. */
    public record Sample(PlacedOrder order, List<Allocation> allocations) {
    }

    /** The units of each line of {@link #sample} and {@link #ofSku}. */
    public static final int UNITS_PER_LINE = 3;

    private PlacedOrders() {
    }

    public static Sample sample(PiiCipher pii, String buyerId, int merchants, int linesPerMerchant) {
        Instant placedAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        List<PlacedOrder.MerchantPart> parts = new ArrayList<>();
        List<Allocation> allocations = new ArrayList<>();
        long orderSubtotal = 0;
        long orderDiscount = 0;
        long orderShipping = 0;
        for (int m = 0; m < merchants; m++) {
            List<PlacedOrder.Line> lines = new ArrayList<>();
            long partSubtotal = 0;
            long partDiscount = 0;
            UUID merchantOrderId = Ids.newId();
            for (int l = 0; l < linesPerMerchant; l++) {
                UUID sku = UUID.randomUUID();
                int quantity = UNITS_PER_LINE;
                long unitPrice = 1500 + 100L * l;
                long subtotal = unitPrice * quantity;
                long discount = l == 0 ? 300 : 0;
                List<PlacedOrder.Rule> discounts = discount == 0 ? List.of()
                        : List.of(new PlacedOrder.Rule("PROMOTION", "rule-1", "3 EUR off", discount));
                lines.add(new PlacedOrder.Line(Ids.newId(), sku, "Item " + m + "-" + l, quantity, unitPrice + 200,
                        unitPrice, subtotal, discount, subtotal - discount, discounts));
                // Two units from one warehouse, one from another: a line split over warehouses (ids in
                // ascending order, the order in which PostgreSQL reads them back).
                allocations.add(new Allocation(sku, Ids.newId(), 2));
                allocations.add(new Allocation(sku, Ids.newId(), 1));
                partSubtotal += subtotal;
                partDiscount += discount;
            }
            long shipping = 500;
            parts.add(new PlacedOrder.MerchantPart(merchantOrderId, UUID.randomUUID(), partSubtotal, partDiscount,
                    shipping, partSubtotal - partDiscount + shipping, lines));
            orderSubtotal += partSubtotal;
            orderDiscount += partDiscount;
            orderShipping += shipping;
        }
        PlacedOrder order = new PlacedOrder(Ids.newId(), buyerId, null, PaymentMethod.ONLINE, "EUR", orderSubtotal,
                orderDiscount, orderShipping, orderSubtotal - orderDiscount + orderShipping, placedAt,
                placedAt.plus(Duration.ofMinutes(30)),
                new PlacedOrder.Address(pii.encrypt(RECIPIENT), pii.encrypt(PHONE), "NORTH", pii.encrypt(DETAIL)),
                "Leave at the door", List.of("WELCOME5"),
                List.of(new PlacedOrder.Rule("PROMOTION", "rule-1", "3 EUR off", orderDiscount)), parts, null);
        return new Sample(order, allocations);
    }

    /**
     * One line of {@link #UNITS_PER_LINE} units of a real SKU from one warehouse, without coupons: an order a test
     * reserves itself through {@code ReservationService} (e.g. in a stock bucket's slot).
     */
    public static Sample ofSku(PiiCipher pii, String buyerId, UUID sku, UUID warehouse) {
        PlacedOrder o = sample(pii, buyerId, 1, 1).order();
        PlacedOrder.MerchantPart part = o.merchantOrders().getFirst();
        PlacedOrder.Line line = part.lines().getFirst();
        PlacedOrder.Line ours = new PlacedOrder.Line(line.id(), sku, line.title(), line.quantity(), line.listUnitPrice(),
                line.unitPrice(), line.subtotal(), line.discountTotal(), line.payable(), line.discounts());
        PlacedOrder order = new PlacedOrder(o.id(), o.buyerId(), o.campaignId(), o.paymentMethod(), o.currency(),
                o.subtotal(), o.discountTotal(), o.shippingTotal(), o.payable(), o.placedAt(), o.paymentDeadline(),
                o.address(), o.buyerNote(), List.of(), o.rules(),
                List.of(new PlacedOrder.MerchantPart(part.id(), part.merchantId(), part.subtotal(),
                        part.discountTotal(), part.shippingFee(), part.payable(), List.of(ours))), o.deviceHash());
        return new Sample(order, List.of(new Allocation(sku, warehouse, UNITS_PER_LINE)));
    }

    /** The reservation of an {@link #ofSku} order in {@code slot}; its line signals low stock at the threshold. */
    public static Reservation reservation(OrderSlot slot, Sample sample, String payloadJson, int lowStockThreshold) {
        PlacedOrder order = sample.order();
        Allocation share = sample.allocations().getFirst();
        return new Reservation(slot, order.id(), order.buyerId(), "digest-" + UUID.randomUUID(), "request",
                order.paymentDeadline().toEpochMilli(), "", "", null, 0,
                List.of(new Reservation.Line(share.sku(), share.quantity(), false, lowStockThreshold,
                        List.of(share.warehouse()))), List.of(), payloadJson, 0);
    }

    public static int lineCount(Sample sample) {
        return sample.order().merchantOrders().stream().mapToInt(part -> part.lines().size()).sum();
    }
}
