package io.flashorder.fulfilment;

import io.flashorder.events.EventType;
import io.flashorder.events.Outbox;
import io.flashorder.order.OrderStatus;
import io.flashorder.order.lifecycle.OrderEvent;
import io.flashorder.order.lifecycle.OrderTransitions.Actor;
import io.flashorder.order.lifecycle.OrderTransitions;
import io.flashorder.platform.Ids;
import io.flashorder.platform.error.ApiException;
import io.flashorder.platform.sql.Transactions;
import io.flashorder.settings.MerchantSettingsService;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The merchant hands a merchant order to a carrier: AWAITING_SHIPMENT → AWAITING_RECEIPT, a shipment row, an
 * OrderShipped event, all in one transaction. The order itself moves to AWAITING_RECEIPT when none of its merchant
 * orders awaits shipment any more (its last one shipped). Receipt is confirmed automatically after the merchant's
 * auto-confirm days, counted from the shipment and fixed then.
 */
@ApplicationScoped
public class ShipmentService {

    private final Pool pool;
    private final FulfilmentRepository repository;
    private final OrderTransitions transitions;
    private final Outbox outbox;
    private final MerchantSettingsService settings;
    private final FulfilmentConfig config;
    private final Validator validator;
    private final Instance<HandOffStep> handOffSteps;
    private final Clock clock;

    public ShipmentService(Pool pool, FulfilmentRepository repository, OrderTransitions transitions, Outbox outbox,
                           MerchantSettingsService settings, FulfilmentConfig config, Validator validator,
                           Instance<HandOffStep> handOffSteps, Clock clock) {
        this.pool = pool;
        this.repository = repository;
        this.transitions = transitions;
        this.outbox = outbox;
        this.settings = settings;
        this.config = config;
        this.validator = validator;
        this.handOffSteps = handOffSteps;
        this.clock = clock;
    }

    /** Ships one of the merchant's own merchant orders; another merchant's answers 404 like an unknown id. */
    public Uni<ShipmentView> ship(UUID merchantId, UUID merchantOrderId, ShipRequest request) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS); // what PostgreSQL stores
        String carrier = request.carrier().strip();
        String trackingNumber = request.trackingNumber().strip();
        return Transactions.withStatementTimeout(pool, statementTimeout(),
                tx -> handOver(tx, merchantId, merchantOrderId, carrier, trackingNumber, now));
    }

    /**
     * Ships one of the merchant's merchant orders inside the caller's transaction (logistics, when its last parcel
     * leaves): the order row is locked here, the merchant order must await shipment.
     */
    public Uni<ShipmentView> handOver(SqlConnection tx, UUID merchantId, UUID merchantOrderId, String carrier,
                                      String trackingNumber, Instant now) {
        return repository.lock(tx, merchantOrderId).chain(found -> {
            MerchantOrderRef ref = found.filter(mo -> mo.merchantId().equals(merchantId))
                    .orElseThrow(() -> ApiException.notFound("merchant-order", merchantOrderId));
            return shipLocked(tx, ref, carrier, trackingNumber, now);
        });
    }

    /**
     * The carrier delivered the merchant order's last parcel: receipt is confirmed automatically the merchant's
     * auto-confirm days after the delivery instead of after the hand-off. Inside the caller's transaction.
     */
    public Uni<Instant> delivered(SqlConnection tx, UUID merchantId, UUID merchantOrderId, Instant deliveredAt) {
        Instant autoConfirmAt = deliveredAt.plus(Duration.ofDays(settings.autoConfirmDays(merchantId)));
        return repository.setAutoConfirmAt(tx, merchantOrderId, autoConfirmAt).replaceWith(autoConfirmAt);
    }

    /** Ships each item on its own (partial success): one item's refusal never undoes another's shipment. */
    public Uni<BatchShipResult> shipAll(UUID merchantId, BatchShipRequest request) {
        Set<UUID> seen = new HashSet<>();
        List<BatchShipRequest.Item> items = request.shipments();
        return Multi.createFrom().items(IntStream.range(0, items.size()).boxed())
                .onItem().transformToUniAndConcatenate(index -> {
                    BatchShipRequest.Item item = items.get(index);
                    String invalid = invalid(item);
                    if (invalid != null) {
                        return Uni.createFrom().item(BatchShipResult.ItemResult.refused(index, item == null ? null
                                : item.merchantOrderId(), "validation-failed", invalid));
                    }
                    if (!seen.add(item.merchantOrderId())) {
                        return Uni.createFrom().item(BatchShipResult.ItemResult.refused(index, item.merchantOrderId(),
                                "duplicate-item", "This merchant order appears earlier in the same batch"));
                    }
                    return ship(merchantId, item.merchantOrderId(), item.shipRequest())
                            .map(shipment -> BatchShipResult.ItemResult.shipped(index, shipment))
                            .onFailure().recoverWithItem(failure -> refusal(index, item.merchantOrderId(), failure));
                })
                .collect().asList()
                .map(BatchShipResult::of);
    }

    private Uni<ShipmentView> shipLocked(SqlConnection tx, MerchantOrderRef ref, String carrier, String trackingNumber,
                                         Instant now) {
        Instant autoConfirmAt = now.plus(Duration.ofDays(settings.autoConfirmDays(ref.merchantId())));
        UUID shipmentId = Ids.newId();
        Actor actor = Actor.merchant(ref.merchantId());
        return transitions.moveMerchantOrder(tx, ref.orderId(), ref.id(), ref.status(), OrderEvent.SHIP, actor,
                        "handed to " + carrier + " (" + trackingNumber + ")", now, "shipped_at")
                .chain(won -> {
                    if (!won) {
                        return Uni.createFrom().failure(Transitions.lost(ref));
                    }
                    return repository.setAutoConfirmAt(tx, ref.id(), autoConfirmAt);
                })
                .chain(() -> repository.insertShipment(tx, shipmentId, ref, carrier, trackingNumber, now))
                .chain(() -> Multi.createFrom().iterable(handOffSteps)
                        .onItem().transformToUniAndConcatenate(step -> step.handedOff(tx, ref.id(), carrier,
                                trackingNumber, now))
                        .collect().last().replaceWithVoid())
                .chain(() -> advanceOrder(tx, ref, actor, now))
                .call(orderStatus -> outbox.append(tx, EventType.ORDER_SHIPPED, ref.orderId(), ref.merchantId(),
                        new FulfilmentEvents.Shipped(ref.orderId(), ref.id(), ref.merchantId(), carrier, trackingNumber,
                                now, autoConfirmAt, orderStatus), now))
                .map(orderStatus -> new ShipmentView(shipmentId, ref.id(), ref.orderId(), carrier, trackingNumber, now,
                        autoConfirmAt, OrderStatus.AWAITING_RECEIPT, orderStatus));
    }

    /** The order follows once none of its merchant orders awaits shipment; emits the order's status after. */
    private Uni<OrderStatus> advanceOrder(SqlConnection tx, MerchantOrderRef ref, Actor actor, Instant now) {
        if (ref.orderStatus() != OrderStatus.AWAITING_SHIPMENT) {
            return Uni.createFrom().item(ref.orderStatus());
        }
        return repository.openCounts(tx, ref.orderId()).chain(counts -> counts.waitingShipment() > 0
                ? Uni.createFrom().item(OrderStatus.AWAITING_SHIPMENT)
                : transitions.moveOrder(tx, ref.orderId(), OrderStatus.AWAITING_SHIPMENT, OrderEvent.SHIP, actor,
                                "its last merchant order shipped", now, null)
                        .map(won -> won ? OrderStatus.AWAITING_RECEIPT : ref.orderStatus()));
    }

    private String invalid(BatchShipRequest.Item item) {
        if (item == null) {
            return "the item is empty";
        }
        if (item.merchantOrderId() == null) {
            return "merchantOrderId: must not be null";
        }
        Set<ConstraintViolation<ShipRequest>> violations = validator.validate(item.shipRequest());
        return violations.isEmpty() ? null : violations.stream()
                .map(v -> v.getPropertyPath() + ": " + v.getMessage()).sorted().collect(Collectors.joining("; "));
    }

    private static BatchShipResult.ItemResult refusal(int index, UUID merchantOrderId, Throwable failure) {
        if (failure instanceof ApiException api) {
            return BatchShipResult.ItemResult.refused(index, merchantOrderId, api.problem().code(),
                    api.problem().detail());
        }
        Log.warnf("Shipment of merchant order %s failed: %s", merchantOrderId, failure.toString());
        return BatchShipResult.ItemResult.refused(index, merchantOrderId, "service-unavailable",
                "This item could not be shipped right now; retry it");
    }

    private Duration statementTimeout() {
        return Duration.ofMillis(config.statementTimeoutMillis());
    }
}
