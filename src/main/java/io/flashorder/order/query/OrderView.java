package io.flashorder.order.query;

import io.flashorder.order.Allocation;
import io.flashorder.order.MerchantOrderProgress;
import io.flashorder.order.OrderStatus;
import io.flashorder.order.PaymentMethod;
import io.flashorder.order.PlacedOrder;
import io.flashorder.security.PiiCipher;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/** An order as its buyer sees it: status, price breakdown, decrypted address, lines and where they ship from. */
public record OrderView(
        UUID id,
        OrderStatus status,
        PaymentMethod paymentMethod,
        String currency,
        long subtotal,
        long discountTotal,
        long shippingTotal,
        long payable,
        Instant placedAt,
        Instant paymentDeadline,
        AddressView address,
        @Schema(nullable = true) String buyerNote,
        @Schema(nullable = true) UUID campaignId,
        List<String> couponIds,
        List<PlacedOrder.Rule> rules,
        List<MerchantOrderView> merchantOrders) {

    public record AddressView(String recipient, String phone, String regionCode, String detail) {
    }

    /** A merchant order with its own status, parcel and after-sales window (see {@link MerchantOrderProgress}). */
    public record MerchantOrderView(UUID id, UUID merchantId, OrderStatus status, long subtotal, long discountTotal,
                                    long shippingFee, long payable, List<LineView> lines,
                                    @Schema(nullable = true) MerchantOrderProgress.Shipment shipment,
                                    @Schema(nullable = true) Instant autoConfirmAt,
                                    @Schema(nullable = true) Instant completedAt,
                                    @Schema(nullable = true) Instant afterSalesClosesAt, boolean afterSalesOpen) {
    }

    public record LineView(UUID id, UUID skuId, String title, int quantity, long listUnitPrice, long unitPrice,
                           long subtotal, long discountTotal, long payable, List<PlacedOrder.Rule> discounts,
                           List<WarehouseShare> warehouses) {
    }

    public record WarehouseShare(UUID warehouseId, int quantity) {
    }

    /** The view of an order in one status, every merchant order in that same status (true until it ships). */
    public static OrderView of(PlacedOrder order, List<Allocation> allocations, OrderStatus status, PiiCipher pii) {
        return of(order, allocations, status, Map.of(), pii);
    }

    /** The view with each merchant order's own progress where known (else it shares the order's status). */
    public static OrderView of(PlacedOrder order, List<Allocation> allocations, OrderStatus status,
                               Map<UUID, MerchantOrderProgress> progress, PiiCipher pii) {
        PlacedOrder.Address address = order.address();
        return of(order, allocations, status, progress, new AddressView(pii.decrypt(address.recipientEncrypted()),
                pii.decrypt(address.phoneEncrypted()), address.regionCode(), pii.decrypt(address.detailEncrypted())));
    }

    /** The same, when the caller still holds the address in clear (the checkout answering its own request). */
    public static OrderView of(PlacedOrder order, List<Allocation> allocations, OrderStatus status, AddressView address) {
        return of(order, allocations, status, Map.of(), address);
    }

    private static OrderView of(PlacedOrder order, List<Allocation> allocations, OrderStatus status,
                                Map<UUID, MerchantOrderProgress> progress, AddressView address) {
        Map<UUID, List<WarehouseShare>> bySku = allocations.stream().collect(Collectors.groupingBy(Allocation::sku,
                Collectors.mapping(a -> new WarehouseShare(a.warehouse(), a.quantity()), Collectors.toList())));
        return new OrderView(order.id(), status, order.paymentMethod(), order.currency(), order.subtotal(),
                order.discountTotal(), order.shippingTotal(), order.payable(), order.placedAt(),
                order.paymentDeadline(), address,
                order.buyerNote(), order.campaignId(), order.couponIds(), order.rules(),
                order.merchantOrders().stream().map(part -> merchantOrder(part, bySku, status,
                        progress.get(part.id()))).toList());
    }

    private static MerchantOrderView merchantOrder(PlacedOrder.MerchantPart part,
                                                   Map<UUID, List<WarehouseShare>> bySku, OrderStatus orderStatus,
                                                   MerchantOrderProgress progress) {
        List<LineView> lines = part.lines().stream().map(line -> new LineView(line.id(), line.skuId(), line.title(),
                line.quantity(), line.listUnitPrice(), line.unitPrice(), line.subtotal(), line.discountTotal(),
                line.payable(), line.discounts(), bySku.getOrDefault(line.skuId(), List.of()))).toList();
        if (progress == null) {
            return new MerchantOrderView(part.id(), part.merchantId(), orderStatus, part.subtotal(),
                    part.discountTotal(), part.shippingFee(), part.payable(), lines, null, null, null, null, false);
        }
        return new MerchantOrderView(part.id(), part.merchantId(), progress.status(), part.subtotal(),
                part.discountTotal(), part.shippingFee(), part.payable(), lines, progress.shipment(),
                progress.autoConfirmAt(), progress.completedAt(), progress.afterSalesClosesAt(),
                progress.afterSalesOpen());
    }
}
