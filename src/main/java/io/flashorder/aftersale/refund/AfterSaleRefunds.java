package io.flashorder.aftersale.refund;

import io.flashorder.aftersale.AfterSaleConfig;
import io.flashorder.aftersale.AfterSaleEvent;
import io.flashorder.aftersale.AfterSaleRepository;
import io.flashorder.aftersale.AfterSaleStatus;
import io.flashorder.aftersale.AfterSaleType;
import io.flashorder.aftersale.CaseActions;
import io.flashorder.aftersale.CaseRow;
import io.flashorder.aftersale.CaseTransitions;
import io.flashorder.aftersale.CaseView;
import io.flashorder.events.EventType;
import io.flashorder.order.lifecycle.OrderTransitions.Actor;
import io.flashorder.payment.PaymentCallback;
import io.flashorder.payment.RefundCallback;
import io.flashorder.payment.RefundGateway;
import io.flashorder.platform.error.ApiException;
import io.flashorder.points.PointsService;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/**
 * The money of a case: handed to the payment provider (asynchronous: its signed refund callback decides), retried
 * with back-off when it fails, FAILED after the last attempt (the merchant may start it again), recorded by the
 * merchant when paid offline (cash on delivery), completed at once when nothing is owed. A success moves the case
 * PENDING_REFUND → SUCCEEDED, once: the refund row's status is guarded under the order's row lock, so a callback
 * delivered a hundred times at once refunds once.
 */
@ApplicationScoped
public class AfterSaleRefunds {

    private static final Actor SYSTEM = Actor.system("refunds");

    private final Pool pool;
    private final RefundRepository refunds;
    private final AfterSaleRepository cases;
    private final CaseTransitions moves;
    private final CaseActions actions;
    private final RefundGateway gateway;
    private final AfterSaleConfig config;
    private final PointsService points;
    private final Clock clock;

    public AfterSaleRefunds(Pool pool, RefundRepository refunds, AfterSaleRepository cases, CaseTransitions moves,
                            CaseActions actions, RefundGateway gateway, AfterSaleConfig config, PointsService points,
                            Clock clock) {
        this.points = points;
        this.pool = pool;
        this.refunds = refunds;
        this.cases = cases;
        this.moves = moves;
        this.actions = actions;
        this.gateway = gateway;
        this.config = config;
        this.clock = clock;
    }

    // ------------------------------------------------------------------------------------------------- merchant

    /**
     * Starts the refund of a received return (RETURN_RECEIVED → PENDING_REFUND), or starts a FAILED refund again.
     * The provider is asked right after the commit.
     */
    public Uni<CaseView> trigger(UUID merchantId, UUID caseId) {
        Actor actor = Actor.merchant(merchantId);
        return actions.act(caseId, found -> found.merchantId().equals(merchantId), (tx, found, now) -> {
            if (found.status() == AfterSaleStatus.PENDING_REFUND) {
                return refunds.ofCase(tx, caseId).chain(refund -> refund.isPresent()
                        && "FAILED".equals(refund.get().status())
                        ? refunds.restart(tx, refund.get().id(), now)
                        : Uni.createFrom().failure(ApiException.conflict("refund-in-progress",
                                "The refund of this case is already under way")));
            }
            return moves.transition(tx, found, AfterSaleEvent.START_REFUND, actor, "refund started by the merchant",
                    null, now).call(to -> moves.startRefund(tx, found, now));
        }).chain(() -> dispatch(caseId)).chain(() -> actions.view(caseId));
    }

    /** Records a refund paid offline (cash on delivery): the case succeeds at once. */
    public Uni<CaseView> recordOffline(UUID merchantId, UUID caseId, OfflineRefundRequest request) {
        Actor actor = Actor.merchant(merchantId);
        String reference = request.reference().strip();
        return actions.act(caseId, found -> found.merchantId().equals(merchantId), (tx, found, now) -> {
            Uni<CaseRow> pending = found.status() == AfterSaleStatus.RETURN_RECEIVED
                    && found.type() == AfterSaleType.RETURN_REFUND
                    ? moves.transition(tx, found, AfterSaleEvent.START_REFUND, actor, "refunded offline", null, now)
                    .call(() -> moves.startRefund(tx, found, now)).chain(() -> reread(tx, caseId))
                    : Uni.createFrom().item(found);
            return pending.chain(current -> refunds.ofCase(tx, caseId).chain(refund -> {
                if (refund.isEmpty() || current.status() != AfterSaleStatus.PENDING_REFUND) {
                    return Uni.createFrom().failure(ApiException.conflict("illegal-transition", "A case in status "
                            + current.status() + " has no refund to record", Map.of("currentStatus",
                            current.status().name())));
                }
                if (!refund.get().offline() || !refund.get().pending()) {
                    return Uni.createFrom().failure(ApiException.conflict("refund-not-offline",
                            "This refund goes through the payment provider (or is decided already)"));
                }
                return complete(tx, current, refund.get(), actor, "refunded offline: " + reference, reference, now);
            }));
        });
    }

    // ------------------------------------------------------------------------------------------------- provider

    /**
     * A signed refund callback: verified (constant time, staleness, replay), matched to its refund by the provider's
     * refund id (422 when unknown, or when amount or currency differ), applied once.
     */
    public Uni<RefundCallbackReceipt> handleCallback(String provider, Function<String, String> headers,
                                                     byte[] rawBody) {
        Instant received = clock.instant();
        return Uni.createFrom().item(() -> gateway.verify(provider, headers, rawBody, received))
                .chain(callback -> pool.withConnection(c -> refunds.caseOfProviderRefund(c, provider,
                                callback.refundId()))
                        .chain(found -> {
                            UUID caseId = found.orElseThrow(() -> ApiException.unprocessable("unknown-refund",
                                    "No refund " + callback.refundId() + " is waiting for this provider"));
                            return actions.inTransaction(tx -> cases.lockOrderOfCase(tx, caseId)
                                    .chain(() -> gateway.remember(tx, provider, callback.signature(), received))
                                    .chain(fresh -> {
                                        if (!fresh) {
                                            throw ApiException.conflict("webhook-replayed",
                                                    "This signed callback was received before");
                                        }
                                        return apply(tx, caseId, callback, actions.now());
                                    }))
                                    .call(() -> actions.afterCommit(caseId));
                        }));
    }

    private Uni<RefundCallbackReceipt> apply(SqlConnection tx, UUID caseId, RefundCallback callback, Instant now) {
        return refunds.ofCase(tx, caseId).chain(found -> {
            RefundRow refund = found.orElseThrow();
            if (refund.amount() != callback.amount() || !refund.currency().equals(callback.currency())) {
                throw ApiException.unprocessable("refund-amount-mismatch", "The callback is for " + callback.amount()
                        + " " + callback.currency() + "; the refund is " + refund.amount() + " " + refund.currency());
            }
            if (!refund.pending() || !callback.refundId().equals(refund.providerRefundId())) {
                String outcome = "SUCCEEDED".equals(refund.status()) ? "REFUNDED"
                        : "FAILED".equals(refund.status()) ? "FAILED" : "IGNORED";
                return Uni.createFrom().item(new RefundCallbackReceipt(callback.refundId(), caseId, outcome, true));
            }
            if (callback.result() == PaymentCallback.Result.FAILED) {
                String error = "provider: " + (callback.failureReason() == null ? "refund failed"
                        : callback.failureReason());
                return failed(tx, refund, error, now).map(exhausted -> new RefundCallbackReceipt(callback.refundId(),
                        caseId, exhausted ? "FAILED" : "RETRY_SCHEDULED", false));
            }
            return reread(tx, caseId).chain(current -> complete(tx, current, refund, Actor.provider(refund.provider()),
                            "refunded by " + refund.provider() + " (" + callback.refundId() + ")", null, now))
                    .replaceWith(new RefundCallbackReceipt(callback.refundId(), caseId, "REFUNDED", false));
        });
    }

    // --------------------------------------------------------------------------------------------------- dispatch

    /** Hands every due refund to its provider, batch by batch claimed with SKIP LOCKED. Emits how many. */
    public Uni<Integer> dispatchDue() {
        Instant now = actions.now();
        return pool.withTransaction(tx -> refunds.claimDue(tx, now, now.plus(config.refundLease()),
                        config.batchSize()))
                .chain(caseIds -> Multi.createFrom().iterable(caseIds)
                        .onItem().transformToUniAndConcatenate(caseId -> dispatch(caseId).replaceWith(caseId))
                        .collect().asList().map(List::size));
    }

    /**
     * Asks the provider for a case's pending refund (idempotent per attempt: the same attempt always gets the same
     * refund id); completes it at once when nothing is owed. Failures are recorded and retried by the job.
     */
    public Uni<Void> dispatch(UUID caseId) {
        return pool.withConnection(c -> refunds.ofCase(c, caseId)).chain(found -> {
            if (found.isEmpty() || !found.get().pending() || found.get().providerRefundId() != null) {
                return Uni.createFrom().voidItem();
            }
            RefundRow refund = found.get();
            if (refund.amount() == 0) {
                return actions.act(caseId, any -> true, (tx, current, now) -> refunds.ofCase(tx, caseId)
                        .chain(locked -> locked.isPresent() && locked.get().pending()
                                && current.status() == AfterSaleStatus.PENDING_REFUND
                                ? complete(tx, current, locked.get(), SYSTEM, "nothing was paid: nothing to refund",
                                null, now) : Uni.createFrom().voidItem())).replaceWithVoid();
            }
            if (refund.offline()) {
                return Uni.createFrom().voidItem();
            }
            return pool.withConnection(c -> gateway.captured(c, refund.orderId())).chain(captured -> captured.isEmpty()
                    ? recordFailure(refund, "no captured online payment to refund")
                    : gateway.request(captured.get(), refund.id() + ":" + refund.attempts(), refund.amount(),
                                    refund.currency(), "after-sale case " + caseId)
                            .chain(refundId -> pool.withTransaction(tx -> refunds.requested(tx, refund.id(),
                                    captured.get().provider(), refundId, actions.now())).replaceWithVoid())
                            .onFailure().recoverWithUni(e -> recordFailure(refund, "request failed: " + e.getMessage())));
        }).onFailure().recoverWithUni(e -> {
            Log.warnf("Refund of case %s: the job tries again (%s)", caseId, e.toString());
            return Uni.createFrom().voidItem();
        });
    }

    private Uni<Void> recordFailure(RefundRow refund, String error) {
        return pool.withTransaction(tx -> failed(tx, refund, error, actions.now())).replaceWithVoid();
    }

    /** One more failure; emits true when it was the last allowed one (the refund is FAILED). */
    private Uni<Boolean> failed(SqlConnection tx, RefundRow refund, String error, Instant now) {
        int failures = refund.attempts() + 1;
        Duration wait = backOff(failures);
        Log.warnf("Refund %s of case %s failed (%d of %d): %s", refund.id(), refund.caseId(), failures,
                config.refundMaxAttempts(), error);
        return refunds.failedAttempt(tx, refund.id(), error.length() > 500 ? error.substring(0, 500) : error,
                config.refundMaxAttempts(), now.plus(wait), now).map(changed -> failures >= config.refundMaxAttempts());
    }

    /** Initial wait doubled after each further failure, at most the maximum. */
    public Duration backOff(int failures) {
        Duration wait = config.refundRetryInitial();
        for (int i = 1; i < failures && wait.compareTo(config.refundRetryMax()) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(config.refundRetryMax()) > 0 ? config.refundRetryMax() : wait;
    }

    /** The refund succeeded: recorded once, the case SUCCEEDED, the buyer's points follow, its events. */
    private Uni<Void> complete(SqlConnection tx, CaseRow found, RefundRow refund, Actor actor, String reason,
                               String offlineReference, Instant now) {
        return refunds.succeeded(tx, refund.id(), offlineReference, now).chain(won -> {
            if (!won) {
                return Uni.createFrom().voidItem();
            }
            return moves.transition(tx, found, AfterSaleEvent.REFUND_SUCCEEDED, actor, reason, null, now)
                    .call(() -> points.refunded(tx, found.buyerId(), found.orderId(), found.merchantOrderId(),
                            found.id(), found.goodsRefund(), found.beforeShipment(), now))
                    .call(to -> moves.event(tx, EventType.AFTER_SALE_REFUNDED, found, to,
                            AfterSaleEvent.REFUND_SUCCEEDED, actor, reason, now))
                    .call(to -> moves.event(tx, EventType.AFTER_SALE_SUCCEEDED, found, to,
                            AfterSaleEvent.REFUND_SUCCEEDED, actor, reason, now))
                    .replaceWithVoid();
        });
    }

    private Uni<CaseRow> reread(SqlConnection tx, UUID caseId) {
        return cases.find(tx, caseId).map(found -> found.orElseThrow());
    }
}
