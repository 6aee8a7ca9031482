package io.flashorder.aftersale;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every (type, status, event) combination against the lifecycle written out here once more, by hand: each allowed
 * transition leads where the issue says, and every other combination is refused.
 */
class AfterSaleStateMachineTest {

    /** "TYPES EVENT FROM TO", TYPES being R (refund only), T (return and refund), X (exchange). */
    private static final List<String> ALLOWED = List.of(
            "RTX APPROVE PENDING_REVIEW *approved",
            "RTX AUTO_APPROVE PENDING_REVIEW *approved",
            "RTX REJECT PENDING_REVIEW REJECTED",
            "RTX DISPUTE REJECTED IN_ARBITRATION",
            "RTX ARBITRATE_APPROVE IN_ARBITRATION *approved",
            "RTX ARBITRATE_REJECT IN_ARBITRATION CLOSED",
            "RTX CLOSE REJECTED CLOSED",
            "RTX WITHDRAW PENDING_REVIEW CANCELLED",
            "RTX WITHDRAW REJECTED CANCELLED",
            "RTX WITHDRAW IN_ARBITRATION CANCELLED",
            "TX SHIP_RETURN AWAITING_RETURN AWAITING_RETURN",
            "TX RECEIVE_RETURN AWAITING_RETURN RETURN_RECEIVED",
            "TX WITHDRAW AWAITING_RETURN CANCELLED",
            "TX CLOSE AWAITING_RETURN CLOSED",
            "T START_REFUND RETURN_RECEIVED PENDING_REFUND",
            "T START_REFUND AWAITING_RETURN PENDING_REFUND",
            "RT REFUND_SUCCEEDED PENDING_REFUND SUCCEEDED",
            "X SHIP_EXCHANGE RETURN_RECEIVED EXCHANGE_SHIPPING",
            "X CONFIRM_EXCHANGE EXCHANGE_SHIPPING SUCCEEDED");

    private static Map<String, AfterSaleStatus> expected() {
        Map<String, AfterSaleStatus> table = new HashMap<>();
        for (String row : ALLOWED) {
            String[] parts = row.split(" ");
            for (char code : parts[0].toCharArray()) {
                AfterSaleType type = switch (code) {
                    case 'R' -> AfterSaleType.REFUND_ONLY;
                    case 'T' -> AfterSaleType.RETURN_REFUND;
                    default -> AfterSaleType.EXCHANGE;
                };
                AfterSaleStatus to = parts[3].equals("*approved")
                        ? (type == AfterSaleType.REFUND_ONLY ? AfterSaleStatus.PENDING_REFUND
                        : AfterSaleStatus.AWAITING_RETURN)
                        : AfterSaleStatus.valueOf(parts[3]);
                table.put(type + " " + parts[1] + " " + parts[2], to);
            }
        }
        return table;
    }

    @Test
    void everyCombinationIsAllowedOrRefusedAsTheLifecycleSays() {
        Map<String, AfterSaleStatus> expected = expected();
        int allowed = 0;
        for (AfterSaleType type : AfterSaleType.values()) {
            for (AfterSaleStatus from : AfterSaleStatus.values()) {
                for (AfterSaleEvent event : AfterSaleEvent.values()) {
                    Optional<AfterSaleStatus> next = AfterSaleStateMachine.next(type, from, event);
                    AfterSaleStatus want = expected.get(type + " " + event + " " + from);
                    assertThat(next).as("%s %s from %s", type, event, from).isEqualTo(Optional.ofNullable(want));
                    if (want != null) {
                        allowed++;
                    }
                }
            }
        }
        assertThat(allowed).isEqualTo(expected.size()).isEqualTo(3 * 10 + 2 * 4 + 2 + 2 + 2);
    }

    @Test
    void succeededCancelledAndClosedAreTerminalAndNothingElseIs() {
        for (AfterSaleStatus status : AfterSaleStatus.values()) {
            boolean terminal = status == AfterSaleStatus.SUCCEEDED || status == AfterSaleStatus.CANCELLED
                    || status == AfterSaleStatus.CLOSED;
            assertThat(AfterSaleStateMachine.isTerminal(status)).as(status.name()).isEqualTo(terminal);
        }
    }

    @Test
    void aRejectedCaseNoLongerHoldsItsLinesButAnArbitrationDoes() {
        assertThat(AfterSaleStatus.REJECTED.isOpen()).isFalse();
        assertThat(AfterSaleStatus.IN_ARBITRATION.isOpen()).isTrue();
        assertThat(AfterSaleStatus.PENDING_REFUND.isOpen()).isTrue();
        assertThat(AfterSaleStatus.SUCCEEDED.isOpen()).isFalse();
    }
}
