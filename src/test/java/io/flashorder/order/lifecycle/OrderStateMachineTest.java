package io.flashorder.order.lifecycle;

import io.flashorder.order.OrderStatus;
import org.junit.jupiter.api.Test;

import java.util.EnumSet;

import static org.assertj.core.api.Assertions.assertThat;

class OrderStateMachineTest {

    @Test
    void theHappyPathIsLegal() {
        assertThat(OrderStateMachine.next(OrderStatus.PENDING_PAYMENT, OrderEvent.PAY)).contains(OrderStatus.AWAITING_SHIPMENT);
        assertThat(OrderStateMachine.next(OrderStatus.AWAITING_SHIPMENT, OrderEvent.SHIP)).contains(OrderStatus.AWAITING_RECEIPT);
        assertThat(OrderStateMachine.next(OrderStatus.AWAITING_RECEIPT, OrderEvent.CONFIRM_RECEIPT)).contains(OrderStatus.COMPLETED);
        assertThat(OrderStateMachine.next(OrderStatus.CANCELLED, OrderEvent.CLOSE)).contains(OrderStatus.CLOSED);
    }

    @Test
    void paymentAndTimeoutCannotBothLeavePendingPayment() {
        // Once either has moved the order, the other finds no legal move from the new status to its target.
        assertThat(OrderStateMachine.next(OrderStatus.AWAITING_SHIPMENT, OrderEvent.EXPIRE)).isEmpty();
        assertThat(OrderStateMachine.next(OrderStatus.CANCELLED, OrderEvent.PAY)).isEmpty();
    }

    @Test
    void closedIsTerminalAndNothingElseIs() {
        for (OrderStatus status : OrderStatus.values()) {
            assertThat(OrderStateMachine.isTerminal(status)).as(status.name()).isEqualTo(status == OrderStatus.CLOSED);
        }
        for (OrderEvent event : OrderEvent.values()) {
            assertThat(OrderStateMachine.next(OrderStatus.CLOSED, event)).isEmpty();
        }
    }

    @Test
    void illegalMovesAreRefused() {
        for (OrderEvent event : EnumSet.of(OrderEvent.SHIP, OrderEvent.CONFIRM_RECEIPT, OrderEvent.AUTO_CONFIRM,
                OrderEvent.REVIVE_LATE_PAYMENT)) {
            assertThat(OrderStateMachine.next(OrderStatus.PENDING_PAYMENT, event)).as(event.name()).isEmpty();
        }
        assertThat(OrderStateMachine.next(OrderStatus.COMPLETED, OrderEvent.CANCEL)).isEmpty();
    }

    @Test
    void anOrderClosesWithItsMerchantOrdersFromAnyPaidStatusButNotFromPendingOrCancelled() {
        for (OrderStatus status : EnumSet.of(OrderStatus.AWAITING_SHIPMENT, OrderStatus.AWAITING_RECEIPT,
                OrderStatus.COMPLETED, OrderStatus.AFTER_SALE)) {
            assertThat(OrderStateMachine.next(status, OrderEvent.CLOSE_WITH_MERCHANT_ORDERS)).as(status.name())
                    .contains(OrderStatus.CLOSED);
        }
        assertThat(OrderStateMachine.next(OrderStatus.PENDING_PAYMENT, OrderEvent.CLOSE_WITH_MERCHANT_ORDERS)).isEmpty();
        assertThat(OrderStateMachine.next(OrderStatus.CANCELLED, OrderEvent.CLOSE_WITH_MERCHANT_ORDERS)).isEmpty();
    }
}
