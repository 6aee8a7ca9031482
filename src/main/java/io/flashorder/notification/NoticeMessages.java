package io.flashorder.notification;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * The words of every notice, in Chinese (the default); {@link EnglishNoticeMessages} has them in English. Qute checks
 * each message against its parameters at build time. Amounts and times come formatted for the language.
 */
@MessageBundle(value = "notice", locale = "zh-CN")
public interface NoticeMessages {

    @Message("""
            {#when kind}{#is ORDER_PLACED}订单已提交{#is PAYMENT_SUCCEEDED}支付成功{#is PAYMENT_FAILED}支付未成功\
            {#is PAYMENT_EXPIRED}订单已超时关闭{#is ORDER_CANCELLED}订单已取消{#is ORDER_SHIPPED}订单已发货\
            {#is ORDER_DELIVERED}订单已送达{#is AFTER_SALE_UPDATED}售后进度更新{#is REFUND_COMPLETED}退款已到账{/when}\
            （订单 {orderNo}）""")
    String subject(NoticeKind kind, String orderNo);

    @Message("【Flashorder】您的订单 {orderNo} 已提交，应付 {amount}，请在 {deadline} 前完成支付，逾期订单将自动取消。")
    String orderPlaced(String orderNo, String amount, String deadline);

    @Message("【Flashorder】您的订单 {orderNo} 已提交，货到付款 {amount}，请在收货时付款。")
    String orderPlacedCashOnDelivery(String orderNo, String amount);

    @Message("【Flashorder】您的订单 {orderNo} 已支付成功，金额 {amount}，我们将尽快为您发货。")
    String paymentSucceeded(String orderNo, String amount);

    @Message("【Flashorder】您的订单 {orderNo} 支付未成功（{reason}）。请在 {deadline} 前重新支付 {amount}，"
            + "或更换支付方式；逾期订单将自动取消。")
    String paymentFailed(String orderNo, String amount, String deadline, String reason);

    @Message("【Flashorder】您的订单 {orderNo} 未在支付期限内付款，已自动取消，库存已释放。如仍需购买，请重新下单。")
    String paymentExpired(String orderNo);

    @Message("【Flashorder】您的订单 {orderNo} 已取消。")
    String orderCancelled(String orderNo);

    @Message("【Flashorder】您的订单 {orderNo} 已发货：{carrier}，运单号 {trackingNumber}。")
    String orderShipped(String orderNo, String carrier, String trackingNumber);

    @Message("【Flashorder】您的订单 {orderNo} 的包裹（{carrier} {trackingNumber}）已送达，请确认收货。")
    String orderDelivered(String orderNo, String carrier, String trackingNumber);

    @Message("""
            【Flashorder】您的订单 {orderNo} 的售后申请有新进度：\
            {#when status}{#is 'PENDING_REVIEW'}待商家审核{#is 'APPROVED'}商家已同意{#is 'REJECTED'}商家已拒绝\
            {#is 'AWAITING_RETURN'}请寄回商品{#is 'RETURN_RECEIVED'}商家已收到退货{#is 'PENDING_REFUND'}待退款\
            {#is 'EXCHANGE_SHIPPING'}换货已发出{#is 'SUCCEEDED'}售后已完成{#is 'CLOSED'}售后已关闭{#else}{status}{/when}。""")
    String afterSaleUpdated(String orderNo, String status);

    @Message("【Flashorder】您的订单 {orderNo} 的退款 {amount} 已原路退回，请注意查收。")
    String refundCompleted(String orderNo, String amount);

    @Message("您好，")
    String greeting();

    @Message("此邮件由系统自动发送，请勿回复。可在“通知设置”中管理您接收的通知。")
    String footer();
}
