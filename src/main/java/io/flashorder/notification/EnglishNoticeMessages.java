package io.flashorder.notification;

import io.quarkus.qute.i18n.Localized;
import io.quarkus.qute.i18n.Message;

/** The notices in English. */
@Localized("en")
public interface EnglishNoticeMessages extends NoticeMessages {

    @Override
    @Message("""
            {#when kind}{#is ORDER_PLACED}Order placed{#is PAYMENT_SUCCEEDED}Payment received\
            {#is PAYMENT_FAILED}Payment did not go through{#is PAYMENT_EXPIRED}Order closed: not paid in time\
            {#is ORDER_CANCELLED}Order cancelled{#is ORDER_SHIPPED}Order shipped{#is ORDER_DELIVERED}Order delivered\
            {#is AFTER_SALE_UPDATED}After-sales update{#is REFUND_COMPLETED}Refund completed{/when} (order {orderNo})""")
    String subject(NoticeKind kind, String orderNo);

    @Override
    @Message("Flashorder: your order {orderNo} is placed. Please pay {amount} before {deadline}; an unpaid order is "
            + "cancelled automatically.")
    String orderPlaced(String orderNo, String amount, String deadline);

    @Override
    @Message("Flashorder: your order {orderNo} is placed. Pay {amount} in cash on delivery.")
    String orderPlacedCashOnDelivery(String orderNo, String amount);

    @Override
    @Message("Flashorder: we received your payment of {amount} for order {orderNo}. It ships soon.")
    String paymentSucceeded(String orderNo, String amount);

    @Override
    @Message("Flashorder: the payment for order {orderNo} did not go through ({reason}). Pay {amount} again before "
            + "{deadline}, or choose another payment method; an unpaid order is cancelled automatically.")
    String paymentFailed(String orderNo, String amount, String deadline, String reason);

    @Override
    @Message("Flashorder: order {orderNo} was not paid in time and has been cancelled; its items are released. "
            + "Place it again if you still want them.")
    String paymentExpired(String orderNo);

    @Override
    @Message("Flashorder: your order {orderNo} has been cancelled.")
    String orderCancelled(String orderNo);

    @Override
    @Message("Flashorder: your order {orderNo} has shipped with {carrier}, tracking number {trackingNumber}.")
    String orderShipped(String orderNo, String carrier, String trackingNumber);

    @Override
    @Message("Flashorder: the parcel of order {orderNo} ({carrier} {trackingNumber}) was delivered. Please confirm "
            + "receipt.")
    String orderDelivered(String orderNo, String carrier, String trackingNumber);

    @Override
    @Message("""
            Flashorder: your after-sales request for order {orderNo} moved on: \
            {#when status}{#is 'PENDING_REVIEW'}waiting for the merchant{#is 'APPROVED'}approved{#is 'REJECTED'}rejected\
            {#is 'AWAITING_RETURN'}please send the items back{#is 'RETURN_RECEIVED'}the merchant received the return\
            {#is 'PENDING_REFUND'}refund pending{#is 'EXCHANGE_SHIPPING'}replacement shipped{#is 'SUCCEEDED'}completed\
            {#is 'CLOSED'}closed{#else}{status}{/when}.""")
    String afterSaleUpdated(String orderNo, String status);

    @Override
    @Message("Flashorder: the refund of {amount} for order {orderNo} is on its way back to your payment method.")
    String refundCompleted(String orderNo, String amount);

    @Override
    @Message("Hello,")
    String greeting();

    @Override
    @Message("This message was sent automatically; please do not reply. Choose which notices you receive in your "
            + "notification settings.")
    String footer();
}
