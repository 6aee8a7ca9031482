package io.flashorder.aftersale;

import java.time.Duration;
import java.time.Instant;

/** One merchant's after-sales deadlines (its own settings, else the platform defaults). */
public record Timeouts(Duration review, Duration returnShipping, Duration receipt, Duration exchangeConfirm,
                       Duration disputeWindow) {

    /** The deadline a case gets on reaching {@code status} by {@code event} at {@code now}; null: none. */
    public Instant dueAt(AfterSaleStatus status, AfterSaleEvent event, Instant now) {
        return switch (status) {
            case PENDING_REVIEW -> now.plus(review);
            case AWAITING_RETURN -> now.plus(event == AfterSaleEvent.SHIP_RETURN ? receipt : returnShipping);
            case EXCHANGE_SHIPPING -> now.plus(exchangeConfirm);
            case REJECTED -> now.plus(disputeWindow);
            default -> null;
        };
    }
}
