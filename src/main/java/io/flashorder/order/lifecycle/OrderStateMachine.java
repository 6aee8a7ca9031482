package io.flashorder.order.lifecycle;

import io.flashorder.order.OrderStatus;

import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

import static io.flashorder.order.OrderStatus.AFTER_SALE;
import static io.flashorder.order.OrderStatus.AWAITING_RECEIPT;
import static io.flashorder.order.OrderStatus.AWAITING_SHIPMENT;
import static io.flashorder.order.OrderStatus.CANCELLED;
import static io.flashorder.order.OrderStatus.CLOSED;
import static io.flashorder.order.OrderStatus.COMPLETED;
import static io.flashorder.order.OrderStatus.PENDING_PAYMENT;

/**
 * The lifecycle of orders and merchant orders, written once: for each event, the statuses it may leave and the
 * status it leads to. Anything not in the table is illegal (the API answers 409). Pure; the guarded update in
 * {@link OrderTransitions} makes two racing actors unable to both win.
 */
public final class OrderStateMachine {

    private static final Map<OrderEvent, Map<OrderStatus, OrderStatus>> TABLE = new EnumMap<>(OrderEvent.class);

    static {
        allow(OrderEvent.PAY, PENDING_PAYMENT, AWAITING_SHIPMENT);
        allow(OrderEvent.CONFIRM_COD, PENDING_PAYMENT, AWAITING_SHIPMENT);
        allow(OrderEvent.CANCEL, PENDING_PAYMENT, CANCELLED);
        allow(OrderEvent.EXPIRE, PENDING_PAYMENT, CANCELLED);
        allow(OrderEvent.REJECT, PENDING_PAYMENT, CANCELLED);
        allow(OrderEvent.REVIVE_LATE_PAYMENT, CANCELLED, AWAITING_SHIPMENT);
        allow(OrderEvent.SHIP, AWAITING_SHIPMENT, AWAITING_RECEIPT);
        allow(OrderEvent.CONFIRM_RECEIPT, AWAITING_RECEIPT, COMPLETED);
        allow(OrderEvent.AUTO_CONFIRM, AWAITING_RECEIPT, COMPLETED);
        allow(OrderEvent.OPEN_AFTER_SALE, AWAITING_SHIPMENT, AFTER_SALE);
        allow(OrderEvent.OPEN_AFTER_SALE, AWAITING_RECEIPT, AFTER_SALE);
        allow(OrderEvent.OPEN_AFTER_SALE, COMPLETED, AFTER_SALE);
        allow(OrderEvent.RESUME_AFTER_SALE_TO_SHIPMENT, AFTER_SALE, AWAITING_SHIPMENT);
        allow(OrderEvent.RESUME_AFTER_SALE_TO_RECEIPT, AFTER_SALE, AWAITING_RECEIPT);
        allow(OrderEvent.RESUME_AFTER_SALE_TO_COMPLETED, AFTER_SALE, COMPLETED);
        allow(OrderEvent.CLOSE, CANCELLED, CLOSED);
        allow(OrderEvent.CLOSE, AFTER_SALE, CLOSED);
        allow(OrderEvent.CLOSE_AFTER_SALES_WINDOW, COMPLETED, CLOSED);
        for (OrderStatus open : new OrderStatus[] {AWAITING_SHIPMENT, AWAITING_RECEIPT, COMPLETED, AFTER_SALE}) {
            allow(OrderEvent.CLOSE_WITH_MERCHANT_ORDERS, open, CLOSED);
        }
    }

    private OrderStateMachine() {
    }

    private static void allow(OrderEvent event, OrderStatus from, OrderStatus to) {
        TABLE.computeIfAbsent(event, e -> new EnumMap<>(OrderStatus.class)).put(from, to);
    }

    /** The status {@code event} leads to from {@code from}, or empty when the event is illegal there. */
    public static Optional<OrderStatus> next(OrderStatus from, OrderEvent event) {
        return Optional.ofNullable(TABLE.getOrDefault(event, Map.of()).get(from));
    }

    public static boolean isTerminal(OrderStatus status) {
        return TABLE.values().stream().noneMatch(fromTo -> fromTo.containsKey(status));
    }
}
