package io.flashorder.aftersale;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.flashorder.aftersale.AfterSaleEvent.APPROVE;
import static io.flashorder.aftersale.AfterSaleEvent.ARBITRATE_APPROVE;
import static io.flashorder.aftersale.AfterSaleEvent.ARBITRATE_REJECT;
import static io.flashorder.aftersale.AfterSaleEvent.AUTO_APPROVE;
import static io.flashorder.aftersale.AfterSaleEvent.CLOSE;
import static io.flashorder.aftersale.AfterSaleEvent.CONFIRM_EXCHANGE;
import static io.flashorder.aftersale.AfterSaleEvent.DISPUTE;
import static io.flashorder.aftersale.AfterSaleEvent.RECEIVE_RETURN;
import static io.flashorder.aftersale.AfterSaleEvent.REFUND_SUCCEEDED;
import static io.flashorder.aftersale.AfterSaleEvent.REJECT;
import static io.flashorder.aftersale.AfterSaleEvent.SHIP_EXCHANGE;
import static io.flashorder.aftersale.AfterSaleEvent.SHIP_RETURN;
import static io.flashorder.aftersale.AfterSaleEvent.START_REFUND;
import static io.flashorder.aftersale.AfterSaleEvent.WITHDRAW;
import static io.flashorder.aftersale.AfterSaleStatus.AWAITING_RETURN;
import static io.flashorder.aftersale.AfterSaleStatus.CANCELLED;
import static io.flashorder.aftersale.AfterSaleStatus.CLOSED;
import static io.flashorder.aftersale.AfterSaleStatus.EXCHANGE_SHIPPING;
import static io.flashorder.aftersale.AfterSaleStatus.IN_ARBITRATION;
import static io.flashorder.aftersale.AfterSaleStatus.PENDING_REFUND;
import static io.flashorder.aftersale.AfterSaleStatus.PENDING_REVIEW;
import static io.flashorder.aftersale.AfterSaleStatus.REJECTED;
import static io.flashorder.aftersale.AfterSaleStatus.RETURN_RECEIVED;
import static io.flashorder.aftersale.AfterSaleStatus.SUCCEEDED;

/**
 * The lifecycle of an after-sale case, written once: per type of case and event, the statuses it may leave and the
 * status it leads to. Anything not in the table is illegal (the API answers 409). Pure; the guarded update in
 * {@link AfterSaleRepository#move} makes two racing actors (approve vs. withdraw vs. review timeout) unable to both win.
 */
public final class AfterSaleStateMachine {

    private static final Map<AfterSaleType, Map<AfterSaleEvent, Map<AfterSaleStatus, AfterSaleStatus>>> TABLE =
            new EnumMap<>(AfterSaleType.class);

    static {
        for (AfterSaleType type : AfterSaleType.values()) {
            // Review: approved cases wait for money (refund only) or for the goods (return, exchange).
            AfterSaleStatus approved = type.returnsGoods() ? AWAITING_RETURN : PENDING_REFUND;
            allow(type, APPROVE, PENDING_REVIEW, approved);
            allow(type, AUTO_APPROVE, PENDING_REVIEW, approved);
            allow(type, REJECT, PENDING_REVIEW, REJECTED);
            allow(type, DISPUTE, REJECTED, IN_ARBITRATION);
            allow(type, ARBITRATE_APPROVE, IN_ARBITRATION, approved);
            allow(type, ARBITRATE_REJECT, IN_ARBITRATION, CLOSED);
            allow(type, CLOSE, REJECTED, CLOSED);
            allow(type, WITHDRAW, PENDING_REVIEW, CANCELLED);
            allow(type, WITHDRAW, REJECTED, CANCELLED);
            allow(type, WITHDRAW, IN_ARBITRATION, CANCELLED);
        }
        for (AfterSaleType type : List.of(AfterSaleType.RETURN_REFUND, AfterSaleType.EXCHANGE)) {
            allow(type, SHIP_RETURN, AWAITING_RETURN, AWAITING_RETURN);
            allow(type, RECEIVE_RETURN, AWAITING_RETURN, RETURN_RECEIVED);
            allow(type, WITHDRAW, AWAITING_RETURN, CANCELLED);
            allow(type, CLOSE, AWAITING_RETURN, CLOSED);
        }
        allow(AfterSaleType.RETURN_REFUND, START_REFUND, RETURN_RECEIVED, PENDING_REFUND);
        // The merchant's receipt deadline passed after the buyer shipped: refunded without inspection.
        allow(AfterSaleType.RETURN_REFUND, START_REFUND, AWAITING_RETURN, PENDING_REFUND);
        for (AfterSaleType type : List.of(AfterSaleType.REFUND_ONLY, AfterSaleType.RETURN_REFUND)) {
            allow(type, REFUND_SUCCEEDED, PENDING_REFUND, SUCCEEDED);
        }
        allow(AfterSaleType.EXCHANGE, SHIP_EXCHANGE, RETURN_RECEIVED, EXCHANGE_SHIPPING);
        allow(AfterSaleType.EXCHANGE, CONFIRM_EXCHANGE, EXCHANGE_SHIPPING, SUCCEEDED);
    }

    private AfterSaleStateMachine() {
    }

    private static void allow(AfterSaleType type, AfterSaleEvent event, AfterSaleStatus from, AfterSaleStatus to) {
        TABLE.computeIfAbsent(type, t -> new EnumMap<>(AfterSaleEvent.class))
                .computeIfAbsent(event, e -> new EnumMap<>(AfterSaleStatus.class)).put(from, to);
    }

    /** The status {@code event} leads a case of {@code type} to from {@code from}, or empty when it is illegal. */
    public static Optional<AfterSaleStatus> next(AfterSaleType type, AfterSaleStatus from, AfterSaleEvent event) {
        return Optional.ofNullable(TABLE.get(type).getOrDefault(event, Map.of()).get(from));
    }

    /** No event leaves it, whatever the type. */
    public static boolean isTerminal(AfterSaleStatus status) {
        return TABLE.values().stream().flatMap(byEvent -> byEvent.values().stream())
                .noneMatch(fromTo -> fromTo.containsKey(status));
    }
}
