package io.flashorder.payment;

import io.flashorder.catalog.CatalogSnapshotService;
import io.flashorder.events.EventType;
import io.flashorder.events.Outbox;
import io.flashorder.inventory.OrderStockService;
import io.flashorder.inventory.StockSettlement;
import io.flashorder.order.OrderStatus;
import io.flashorder.order.PaymentMethod;
import io.flashorder.order.lifecycle.IllegalTransitionException;
import io.flashorder.order.lifecycle.OrderEvent;
import io.flashorder.order.lifecycle.OrderFacts;
import io.flashorder.order.lifecycle.OrderLifecycle;
import io.flashorder.order.lifecycle.OrderLifecycleRepository;
import io.flashorder.order.lifecycle.OrderTransitions;
import io.flashorder.order.query.OrderQueries;
import io.flashorder.order.writer.OrderPersistence;
import io.flashorder.platform.Ids;
import io.flashorder.platform.error.ApiException;
import io.flashorder.points.PointsService;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import java.util.function.Function;

/**
 * Opens payment sessions and applies provider callbacks. A callback is authenticated by its signature, refused if
 * replayed or if its amount or currency is not the order's, and applied once per provider transaction. PostgreSQL
 * decides under the order's row lock (so a payment and the deadline timer cannot both win); Redis follows.
 * A success for a cancelled order is a late payment: its stock is re-reserved if still there (the order is then
 * paid), else the payment is refunded; a success for an order already paid is refunded too, and so is a success
 * signed after its session expired (a session is the provider's promise of what can be paid until when; the order
 * is left as it was). Which happened is recorded on the callback row.
 */
@ApplicationScoped
public class PaymentService {

    private final PaymentProviders providers;
    private final PaymentRepository payments;
    private final PaymentsConfig config;
    private final OrderQueries orders;
    private final OrderPersistence persistence;
    private final OrderLifecycle lifecycle;
    private final OrderLifecycleRepository orderRows;
    private final OrderStockService stock;
    private final CatalogSnapshotService catalog;
    private final Outbox outbox;
    private final Pool pool;
    private final Clock clock;
    private final PaymentCallbackMetrics callbackMetrics;
    private final PointsService points;

    public PaymentService(PaymentProviders providers, PaymentRepository payments, PaymentsConfig config,
                          OrderQueries orders, OrderPersistence persistence, OrderLifecycle lifecycle,
                          OrderLifecycleRepository orderRows, OrderStockService stock, CatalogSnapshotService catalog,
                          Outbox outbox, Pool pool, Clock clock, PaymentCallbackMetrics callbackMetrics,
                          PointsService points) {
        this.points = points;
        this.providers = providers;
        this.callbackMetrics = callbackMetrics;
        this.payments = payments;
        this.config = config;
        this.orders = orders;
        this.persistence = persistence;
        this.lifecycle = lifecycle;
        this.orderRows = orderRows;
        this.stock = stock;
        this.catalog = catalog;
        this.outbox = outbox;
        this.pool = pool;
        this.clock = clock;
    }

    /** A session opened now ({@code created}) or the open one handed out again. */
    public record Opened(PaymentView payment, boolean created) {
    }

    public Uni<Opened> open(String buyerId, UUID orderId, String providerName) {
        PaymentProvider provider = providers.get(providerName == null ? config.defaultProvider() : providerName);
        return orders.get(buyerId, orderId) // 404 unless it is the buyer's own
                .invoke(view -> {
                    if (view.paymentMethod() == PaymentMethod.COD) {
                        throw ApiException.conflict("payment-not-applicable",
                                "A cash-on-delivery order is paid on delivery, not online");
                    }
                })
                .chain(() -> persistence.ensurePersisted(orderId)) // a payment row needs the order row
                .chain(() -> pool.withConnection(connection -> orderRows.read(connection, orderId)))
                .map(found -> {
                    OrderFacts order = found.orElseThrow(() -> ApiException.notFound("order", orderId));
                    if (order.status() != OrderStatus.PENDING_PAYMENT) {
                        throw new IllegalTransitionException(order.status(), OrderEvent.PAY);
                    }
                    return order;
                })
                .chain(order -> {
                    Instant now = clock.instant();
                    return payments.findReusable(pool, orderId, provider.name(), order.payable(), order.currency(), now)
                            .chain(open -> open.isPresent() ? Uni.createFrom().item(new Opened(open.get().view(), false))
                                    : newSession(provider, order, buyerId, now));
                });
    }

    private Uni<Opened> newSession(PaymentProvider provider, OrderFacts order, String buyerId, Instant now) {
        UUID paymentId = Ids.newId();
        return provider.openSession(new PaymentProvider.SessionRequest(paymentId, order.id(), order.payable(),
                        order.currency(), now.plus(config.sessionTtl())))
                .chain(session -> {
                    PaymentRow row = new PaymentRow(paymentId, order.id(), buyerId, provider.name(), session.sessionId(),
                            session.payUrl(), session.amount(), session.currency(), PaymentStatus.OPEN, null,
                            session.expiresAt(), now);
                    return payments.insert(pool, row).replaceWith(new Opened(row.view(), true));
                });
    }

    /**
     * What the transaction decided for one callback, and the payment record of its provider transaction; the
     * follow-up (Redis, refund) runs after its commit, on that record.
     */
    private record Decision(CallbackOutcome outcome, boolean duplicate, OrderFacts order, PaymentRow payment) {
    }

    public Uni<CallbackReceipt> handleCallback(String providerName, Function<String, String> headers, byte[] rawBody) {
        PaymentProvider provider = providers.get(providerName);
        Instant now = clock.instant();
        return Uni.createFrom().item(() -> provider.verify(headers, rawBody, now))
                .chain(callback -> payments.findBySession(pool, provider.name(), callback.sessionId())
                        .map(found -> {
                            PaymentRow payment = found.orElseThrow(() -> ApiException.unprocessable(
                                    "unknown-payment-session", "No payment session " + callback.sessionId()));
                            if (payment.amount() != callback.amount() || !payment.currency().equals(callback.currency())) {
                                throw ApiException.unprocessable("payment-amount-mismatch", "The callback is for "
                                        + callback.amount() + " " + callback.currency() + "; the order's payable is "
                                        + payment.amount() + " " + payment.currency());
                            }
                            return payment;
                        })
                        .chain(session -> pool.withTransaction(tx -> decide(tx, provider, callback, session, now))
                                .chain(decision -> followUp(provider, callback, decision))))
                // Counted once the provider is known (an unknown name is a 404 and no label value).
                .onItemOrFailure().invoke((receipt, failure) -> callbackMetrics.record(provider.name(), receipt, failure));
    }

    private Uni<Decision> decide(SqlConnection tx, PaymentProvider provider, PaymentCallback callback,
                                 PaymentRow session, Instant now) {
        // The order's row lock first: the deadline timer and other callbacks of this order wait here.
        return orderRows.lock(tx, session.orderId()).chain(found -> {
            OrderFacts order = found.orElseThrow(() -> ApiException.notFound("order", session.orderId()));
            return payments.rememberSignature(tx, provider.name(), callback.signature(), now).chain(fresh -> {
                if (!fresh) {
                    throw ApiException.conflict("webhook-replayed", "This signed callback was received before");
                }
                return payments.callbackOutcome(tx, provider.name(), callback.transactionId()).chain(previous -> {
                    if (previous.isPresent()) {
                        // The same transaction delivered again: answered with what it did (a pending step resumes).
                        return payments.findByTransaction(tx, provider.name(), callback.transactionId())
                                .map(record -> new Decision(previous.get(), true, order, record.orElseThrow()));
                    }
                    // Each provider transaction gets its own payment record (a session may be paid twice).
                    return payments.recordTransaction(tx, session, callback.transactionId(), now).chain(payment -> {
                        CallbackOutcome outcome = outcomeFor(callback, session, order);
                        return payments.recordCallback(tx, provider.name(), callback, payment, outcome, null, now)
                                .chain(() -> apply(tx, provider, callback, payment, order, outcome, now))
                                .replaceWith(new Decision(outcome, false, order, payment));
                    });
                });
            });
        });
    }

    private static CallbackOutcome outcomeFor(PaymentCallback callback, PaymentRow session, OrderFacts order) {
        if (callback.result() == PaymentCallback.Result.FAILED) {
            return order.status() == OrderStatus.PENDING_PAYMENT
                    ? CallbackOutcome.FAILURE_RECORDED : CallbackOutcome.FAILURE_IGNORED;
        }
        if (callback.signedAt().isAfter(session.expiresAt())) {
            // The session could no longer be paid: whatever the order's status, this money goes back.
            return CallbackOutcome.EXPIRED_PENDING;
        }
        return switch (order.status()) {
            case PENDING_PAYMENT -> CallbackOutcome.PAID;
            case CANCELLED -> CallbackOutcome.LATE_PENDING;
            default -> CallbackOutcome.DUPLICATE_PENDING; // paid already (another session), or closed: give it back
        };
    }

    private Uni<Void> apply(SqlConnection tx, PaymentProvider provider, PaymentCallback callback, PaymentRow payment,
                            OrderFacts order, CallbackOutcome outcome, Instant now) {
        return switch (outcome) {
            case PAID -> payments.markPayment(tx, payment.id(), PaymentStatus.SUCCEEDED, callback.transactionId(), null, now)
                    .chain(() -> lifecycle.pay(tx, order, OrderEvent.PAY, OrderTransitions.Actor.provider(provider.name()),
                            "paid: " + provider.name() + " transaction " + callback.transactionId(),
                            callback.transactionId(), now))
                    .call(() -> points.redeem(tx, order.id(), order.buyerId(), now));
            case LATE_PENDING, DUPLICATE_PENDING, EXPIRED_PENDING -> payments.markPayment(tx, payment.id(), PaymentStatus.SUCCEEDED,
                    callback.transactionId(), null, now);
            case FAILURE_RECORDED -> payments.markPayment(tx, payment.id(), PaymentStatus.FAILED, callback.transactionId(),
                            callback.failureReason() == null ? "declined" : callback.failureReason(), now)
                    .chain(() -> outbox.append(tx, EventType.PAYMENT_FAILED, order.id(), null,
                            new PaymentEvents.PaymentFailed(order.id(), payment.id(), provider.name(),
                                    callback.transactionId(), callback.failureReason(), now), now))
                    .replaceWithVoid();
            // The transaction failed, after the order was settled: its record says so, nothing else changes.
            case FAILURE_IGNORED -> payments.markPayment(tx, payment.id(), PaymentStatus.FAILED, callback.transactionId(),
                    callback.failureReason() == null ? "declined" : callback.failureReason(), now);
            default -> Uni.createFrom().voidItem();
        };
    }

    /** After the commit. A failure here answers 5xx, so the provider retries and the pending outcome resumes. */
    private Uni<CallbackReceipt> followUp(PaymentProvider provider, PaymentCallback callback, Decision decision) {
        PaymentRow payment = decision.payment();
        Uni<CallbackOutcome> outcome = switch (decision.outcome()) {
            case PAID -> decision.duplicate() ? Uni.createFrom().item(CallbackOutcome.PAID)
                    : lifecycle.settleQuietly(decision.order(), false)
                            .call(() -> points.mirror(decision.order().buyerId()))
                            .replaceWith(CallbackOutcome.PAID);
            case LATE_PENDING -> latePayment(provider, callback, payment);
            case DUPLICATE_PENDING -> refund(provider, callback, payment, CallbackOutcome.DUPLICATE_REFUNDED,
                    "the order was already paid or closed");
            case EXPIRED_PENDING -> refund(provider, callback, payment, CallbackOutcome.EXPIRED_REFUNDED,
                    "the payment session had expired");
            default -> Uni.createFrom().item(decision.outcome());
        };
        return outcome.map(done -> new CallbackReceipt(callback.transactionId(), done, decision.duplicate()));
    }

    /** Re-reserve (same warehouses) and pay, or refund when the stock or a coupon is gone. */
    private Uni<CallbackOutcome> latePayment(PaymentProvider provider, PaymentCallback callback, PaymentRow payment) {
        return pool.withConnection(connection -> orderRows.read(connection, payment.orderId())
                        .chain(order -> orderRows.stock(connection, order.orElseThrow())))
                .chain(reserved -> stock.revive(reserved, catalog.current().perUserLimit(reserved.campaignId())))
                .chain(revived -> {
                    if (revived == StockSettlement.REVIVED || revived == StockSettlement.ALREADY) {
                        return revive(provider, callback, payment);
                    }
                    Log.infof("Late payment %s of order %s: stock not available (%s); refunding",
                            callback.transactionId(), payment.orderId(), revived);
                    return refund(provider, callback, payment, CallbackOutcome.LATE_REFUNDED,
                            "late payment: the order's stock or coupons are no longer available");
                });
    }

    private Uni<CallbackOutcome> revive(PaymentProvider provider, PaymentCallback callback, PaymentRow payment) {
        Instant now = clock.instant();
        return pool.withTransaction(tx -> orderRows.lock(tx, payment.orderId()).chain(found -> {
                    OrderFacts order = found.orElseThrow();
                    if (order.status() != OrderStatus.CANCELLED) {
                        // Another payment revived it first: this one is a second payment.
                        return Uni.createFrom().item(false);
                    }
                    return lifecycle.pay(tx, order, OrderEvent.REVIVE_LATE_PAYMENT,
                                    OrderTransitions.Actor.provider(provider.name()),
                                    "late payment: stock re-reserved; " + provider.name() + " transaction "
                                            + callback.transactionId(), callback.transactionId(), now)
                            .call(() -> points.redeem(tx, order.id(), order.buyerId(), now))
                            .chain(() -> orderRows.markSettled(tx, order.id(), now))
                            .chain(() -> payments.updateCallback(tx, provider.name(), callback.transactionId(),
                                    CallbackOutcome.LATE_REVIVED, "stock re-reserved in the same warehouses", now))
                            .replaceWith(true);
                }))
                .call(revived -> revived ? points.mirror(payment.buyerId()) : Uni.createFrom().voidItem())
                .chain(revived -> revived ? Uni.createFrom().item(CallbackOutcome.LATE_REVIVED)
                        : refund(provider, callback, payment, CallbackOutcome.DUPLICATE_REFUNDED,
                        "the order was already paid by another payment"));
    }

    private Uni<CallbackOutcome> refund(PaymentProvider provider, PaymentCallback callback, PaymentRow payment,
                                       CallbackOutcome done, String reason) {
        return provider.refund(new PaymentProvider.RefundRequest(payment.id(), callback.transactionId(),
                        payment.amount(), payment.currency(), reason))
                .chain(receipt -> {
                    Instant now = clock.instant();
                    return pool.withTransaction(tx -> payments.recordRefund(tx, Ids.newId(), payment, receipt.refundId(),
                                    reason, now)
                            .chain(() -> payments.markPayment(tx, payment.id(), PaymentStatus.REFUNDED, null, null, now))
                            .chain(() -> payments.updateCallback(tx, provider.name(), callback.transactionId(), done,
                                    reason + "; refund " + receipt.refundId(), now)));
                })
                .invoke(() -> Log.infof("Payment %s of order %s refunded: %s", callback.transactionId(),
                        payment.orderId(), reason))
                .replaceWith(done);
    }
}
