package io.flashorder.order.writer;

import io.flashorder.inventory.OrderSlot;
import io.flashorder.inventory.OrderStock;
import io.flashorder.order.Allocation;
import io.flashorder.order.MalformedOrderException;
import io.flashorder.order.PlacedOrder;
import io.flashorder.platform.json.StorableText;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * An accepted order checked for what the tables require, with the stream's per-SKU allocations split onto its
 * lines (a line's units may come from several warehouses). Building one throws {@link MalformedOrderException} for
 * an order that could never be written, so a broken entry is set aside instead of failing its whole batch.
 */
public record PersistableOrder(OrderSlot slot, PlacedOrder order, List<LineAllocation> lineAllocations) {

    /** Units of one line reserved in one warehouse: a row of {@code order_line_allocation}. */
    public record LineAllocation(UUID lineId, UUID warehouseId, int quantity) {
    }

    /** An order placed in the {@code {p}} slot. */
    public static PersistableOrder of(PlacedOrder order, List<Allocation> allocations) {
        return of(OrderSlot.HOME, order, allocations);
    }

    /** An order placed in {@code slot}: the slot of the stream (or hold) it was read from. */
    public static PersistableOrder of(OrderSlot slot, PlacedOrder order, List<Allocation> allocations) {
        requireComplete(order);
        return new PersistableOrder(slot, order, splitOntoLines(order, allocations));
    }

    private static void requireComplete(PlacedOrder order) {
        require(order.id() != null, "the order has no id");
        require(order.buyerId() != null && !order.buyerId().isBlank(), "the order has no buyer");
        require(order.paymentMethod() != null, "the order has no payment method");
        require(order.currency() != null && order.currency().length() == 3, "the order has no ISO currency");
        require(order.placedAt() != null && order.paymentDeadline() != null, "the order lacks its placement time or deadline");
        PlacedOrder.Address address = order.address();
        require(address != null && address.recipientEncrypted() != null && address.phoneEncrypted() != null
                && address.detailEncrypted() != null && address.regionCode() != null, "the order's address is incomplete");
        require(order.merchantOrders() != null && !order.merchantOrders().isEmpty(), "the order has no merchant order");
        Set<UUID> ids = new HashSet<>();
        ids.add(order.id());
        for (PlacedOrder.MerchantPart part : order.merchantOrders()) {
            require(part != null && part.id() != null && part.merchantId() != null, "a merchant order lacks its id or merchant");
            require(ids.add(part.id()), "id " + part.id() + " is used twice");
            require(part.lines() != null && !part.lines().isEmpty(), "merchant order " + part.id() + " has no line");
            for (PlacedOrder.Line line : part.lines()) {
                require(line != null && line.id() != null && line.skuId() != null && line.title() != null,
                        "a line of merchant order " + part.id() + " lacks its id, SKU or title");
                require(ids.add(line.id()), "id " + line.id() + " is used twice");
                require(line.quantity() > 0, "line " + line.id() + " has no units");
            }
        }
    }

    /**
     * Gives each line its units from the SKU's allocations, in order. The reservation allocated exactly the units
     * ordered, so the per-SKU totals must agree; anything else is a broken entry.
     */
    private static List<LineAllocation> splitOntoLines(PlacedOrder order, List<Allocation> allocations) {
        Map<UUID, Deque<int[]>> remainingBySku = new HashMap<>();
        Map<UUID, List<UUID>> warehousesBySku = new HashMap<>();
        for (Allocation allocation : allocations) {
            require(allocation != null && allocation.sku() != null && allocation.warehouse() != null
                    && allocation.quantity() > 0, "an allocation lacks its SKU, warehouse or units");
            List<UUID> warehouses = warehousesBySku.computeIfAbsent(allocation.sku(), sku -> new ArrayList<>());
            warehouses.add(allocation.warehouse());
            remainingBySku.computeIfAbsent(allocation.sku(), sku -> new ArrayDeque<>())
                    .add(new int[] {warehouses.size() - 1, allocation.quantity()});
        }
        Map<List<UUID>, Integer> units = new LinkedHashMap<>();
        for (PlacedOrder.MerchantPart part : order.merchantOrders()) {
            for (PlacedOrder.Line line : part.lines()) {
                Deque<int[]> remaining = remainingBySku.getOrDefault(line.skuId(), new ArrayDeque<>());
                int needed = line.quantity();
                while (needed > 0) {
                    int[] share = remaining.peekFirst();
                    require(share != null, "line " + line.id() + " has fewer allocated units than ordered");
                    int taken = Math.min(needed, share[1]);
                    UUID warehouse = warehousesBySku.get(line.skuId()).get(share[0]);
                    units.merge(List.of(line.id(), warehouse), taken, Integer::sum);
                    needed -= taken;
                    share[1] -= taken;
                    if (share[1] == 0) {
                        remaining.removeFirst();
                    }
                }
            }
        }
        remainingBySku.forEach((sku, left) -> require(left.isEmpty(), "SKU " + sku + " has more allocated units than ordered"));
        return units.entrySet().stream()
                .map(e -> new LineAllocation(e.getKey().get(0), e.getKey().get(1), e.getValue()))
                .toList();
    }

    /**
     * This order as PostgreSQL can store it, for one it refused: same ids, amounts and lines; no buyer note; text
     * cleaned.
     */
    public PersistableOrder storableCopy() {
        PlacedOrder copy = new PlacedOrder(order.id(), StorableText.clean(order.buyerId()), order.campaignId(),
                order.paymentMethod(), StorableText.clean(order.currency()), order.subtotal(), order.discountTotal(),
                order.shippingTotal(), order.payable(), order.placedAt(), order.paymentDeadline(),
                new PlacedOrder.Address(order.address().recipientEncrypted(), order.address().phoneEncrypted(),
                        StorableText.clean(order.address().regionCode()), order.address().detailEncrypted()),
                null, order.couponIds().stream().map(StorableText::clean).toList(), rules(order.rules()),
                order.merchantOrders().stream().map(part -> new PlacedOrder.MerchantPart(part.id(), part.merchantId(),
                        part.subtotal(), part.discountTotal(), part.shippingFee(), part.payable(),
                        part.lines().stream().map(line -> new PlacedOrder.Line(line.id(), line.skuId(),
                                StorableText.clean(line.title()), line.quantity(), line.listUnitPrice(),
                                line.unitPrice(), line.subtotal(), line.discountTotal(), line.payable(),
                                rules(line.discounts()))).toList())).toList(),
                order.deviceHash());
        return new PersistableOrder(slot, copy, lineAllocations);
    }

    private static List<PlacedOrder.Rule> rules(List<PlacedOrder.Rule> rules) {
        return rules == null ? List.of() : rules.stream().map(rule -> new PlacedOrder.Rule(StorableText.clean(rule.kind()),
                StorableText.clean(rule.ruleId()), StorableText.clean(rule.name()), rule.amount())).toList();
    }

    /** What the order reserved, from its own payload (for one PostgreSQL never had). */
    public OrderStock reservedStock() {
        Map<UUID, Integer> units = new LinkedHashMap<>();
        Map<UUID, UUID> skuOfLine = new LinkedHashMap<>();
        order.merchantOrders().forEach(part -> part.lines().forEach(line -> {
            units.merge(line.skuId(), line.quantity(), Integer::sum);
            skuOfLine.put(line.id(), line.skuId());
        }));
        Map<List<UUID>, Integer> shares = new LinkedHashMap<>();
        lineAllocations.forEach(share -> shares.merge(
                List.of(skuOfLine.get(share.lineId()), share.warehouseId()), share.quantity(), Integer::sum));
        return new OrderStock(slot, order.id(), order.buyerId(), order.campaignId(),
                units.entrySet().stream().map(e -> new OrderStock.Units(e.getKey(), e.getValue())).toList(),
                shares.entrySet().stream().map(e -> new OrderStock.Share(e.getKey().get(0), e.getKey().get(1),
                        e.getValue())).toList(),
                order.couponIds());
    }

    private static void require(boolean condition, String problem) {
        if (!condition) {
            throw new MalformedOrderException(problem);
        }
    }
}
