package io.flashorder.logistics.tracking;

import io.flashorder.events.EventType;
import io.flashorder.fulfilment.ShipmentService;
import io.flashorder.logistics.carrier.CarrierProvider;
import io.flashorder.logistics.carrier.CarrierProviders;
import io.flashorder.logistics.carrier.TrackingCallback;
import io.flashorder.logistics.carrier.TrackingStatus;
import io.flashorder.logistics.warehouse.ParcelEvents;
import io.flashorder.logistics.warehouse.ParcelRow;
import io.flashorder.logistics.warehouse.ParcelStatus;
import io.flashorder.order.query.OrderQueries;
import io.flashorder.platform.error.ApiException;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.faulttolerance.Timeout;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * Carrier tracking callbacks: authenticated by the provider (constant-time HMAC, staleness window), refused when the
 * very same signed request comes again (replay), kept once per event id (a redelivery changes nothing), applied
 * only when newer than what the parcel shows (out of order safe), all in one transaction per callback under the
 * parcel's row lock. DELIVERED restarts the merchant order's auto-confirm timer from the delivery time once all its
 * parcels are delivered; EXCEPTION (lost, damaged) on an insured parcel opens an insurance claim.
 */
@ApplicationScoped
public class TrackingService {

    private final Pool pool;
    private final TrackingRepository tracking;
    private final CarrierProviders providers;
    private final ParcelEvents events;
    private final ShipmentService shipments;
    private final OrderQueries orders;
    private final Clock clock;

    public TrackingService(Pool pool, TrackingRepository tracking, CarrierProviders providers, ParcelEvents events,
                           ShipmentService shipments, OrderQueries orders, Clock clock) {
        this.pool = pool;
        this.tracking = tracking;
        this.providers = providers;
        this.events = events;
        this.shipments = shipments;
        this.orders = orders;
        this.clock = clock;
    }

    @Timeout(30000) // a callback may wait its turn behind others of the same parcel
    public Uni<CallbackResult> handle(String providerName, Function<String, String> headers, byte[] rawBody) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        CarrierProvider provider;
        TrackingCallback callback;
        try {
            provider = providers.named(providerName);
            callback = provider.verify(headers, rawBody, now);
        } catch (ApiException e) {
            return Uni.createFrom().failure(e);
        }
        return pool.withTransaction(tx -> tracking.rememberSignature(tx, provider.name(), callback.signature(), now)
                .chain(fresh -> {
                    if (!fresh) {
                        throw ApiException.conflict("webhook-replayed", "This signed callback was received before");
                    }
                    return tracking.lockByTracking(tx, callback.trackingNumber(), provider.carriers());
                })
                .chain(parcels -> {
                    if (parcels.isEmpty()) {
                        throw ApiException.unprocessable("tracking-number-unknown",
                                "No shipped parcel of this carrier has tracking number " + callback.trackingNumber());
                    }
                    return Multi.createFrom().iterable(parcels)
                            .onItem().transformToUniAndConcatenate(parcel -> handle(tx, provider, parcel, callback, now))
                            .collect().asList();
                })
                .map(outcomes -> new CallbackResult(callback.eventId(), callback.trackingNumber(), outcomes)));
    }

    private Uni<CallbackResult.ParcelOutcome> handle(SqlConnection tx, CarrierProvider provider, ParcelRow parcel,
                                                     TrackingCallback callback, Instant now) {
        if (parcel.shippedAt() == null) {
            return Uni.createFrom().failure(ApiException.conflict("parcel-not-shipped", "Parcel with tracking number "
                    + callback.trackingNumber() + " is not handed over yet; send the event again later",
                    Map.of("currentStatus", parcel.status())));
        }
        return tracking.seen(tx, parcel.id(), provider.name(), callback.eventId()).chain(seen -> {
            if (seen) {
                return Uni.createFrom().item(new CallbackResult.ParcelOutcome(parcel.id(),
                        CallbackResult.Outcome.DUPLICATE, parcel.status().name()));
            }
            Optional<ParcelStatus> next = TrackingRules.next(parcel.status(), parcel.lastEventAt(), callback.status(),
                    callback.occurredAt());
            Uni<Boolean> kept = tracking.insertEvent(tx, parcel.id(), provider.name(), callback, next.isPresent(), now);
            if (next.isEmpty()) {
                return kept.map(inserted -> new CallbackResult.ParcelOutcome(parcel.id(), inserted
                        ? CallbackResult.Outcome.KEPT_NOT_APPLIED : CallbackResult.Outcome.DUPLICATE,
                        parcel.status().name()));
            }
            ParcelStatus status = next.get();
            return kept.chain(inserted -> !inserted
                    ? Uni.createFrom().item(new CallbackResult.ParcelOutcome(parcel.id(),
                            CallbackResult.Outcome.DUPLICATE, parcel.status().name()))
                    : tracking.apply(tx, parcel.id(), status, callback)
                            .chain(() -> consequences(tx, parcel, status, callback, now))
                            .replaceWith(new CallbackResult.ParcelOutcome(parcel.id(), CallbackResult.Outcome.APPLIED,
                                    status.name())));
        });
    }

    /** Delivered: the auto-confirm timer; exception: the claim; and the merchant's SHIPMENT_* event. */
    private Uni<Void> consequences(SqlConnection tx, ParcelRow parcel, ParcelStatus status, TrackingCallback callback,
                                   Instant now) {
        String detail = callback.reason() != null ? callback.reason().name()
                : callback.status() == TrackingStatus.DELIVERED ? "signed by " + callback.signer() : callback.detail();
        return switch (status) {
            case DELIVERED -> tracking.deliveries(tx, parcel.id())
                    .chain(deliveries -> Multi.createFrom().iterable(deliveries)
                            .filter(TrackingRepository.Delivery::allDelivered)
                            .onItem().transformToUniAndConcatenate(delivery -> shipments.delivered(tx,
                                    parcel.merchantId(), delivery.merchantOrderId(), delivery.lastDeliveredAt()))
                            .collect().asList())
                    .chain(() -> event(tx, EventType.SHIPMENT_DELIVERED, parcel, status, detail, callback));
            case REFUSED -> event(tx, EventType.SHIPMENT_REFUSED, parcel, status, detail, callback);
            case EXCEPTION -> {
                boolean claim = parcel.insured() && callback.reason() != TrackingStatus.ExceptionReason.DELAYED;
                yield (claim ? tracking.openClaim(tx, parcel, callback.reason().name(), now)
                        : Uni.createFrom().voidItem())
                        .chain(() -> event(tx, EventType.SHIPMENT_EXCEPTION, parcel, status, detail, callback));
            }
            default -> Uni.createFrom().voidItem();
        };
    }

    private Uni<Void> event(SqlConnection tx, EventType type, ParcelRow parcel, ParcelStatus status, String detail,
                            TrackingCallback callback) {
        return events.append(tx, type, parcel, status.name(), parcel.carrier(), parcel.trackingNumber(), detail,
                callback.occurredAt());
    }

    /** The buyer's own order only (another's, or an unknown id: 404); its parcels and their events. */
    @Timeout(5000)
    public Uni<TrackingView> timeline(String buyerId, UUID orderId) {
        return orders.get(buyerId, orderId)
                .chain(order -> pool.withConnection(connection -> tracking.parcelsOfOrder(connection, orderId, buyerId)
                        .chain(parcels -> tracking.events(connection, parcels.stream().map(ParcelRow::id).toList())
                                .map(events -> new TrackingView(orderId, parcels.stream()
                                        .filter(parcel -> parcel.status() != ParcelStatus.MERGED)
                                        .map(parcel -> new TrackingView.Shipment(parcel.id(), parcel.status().name(),
                                                parcel.carrier(), parcel.trackingNumber(), parcel.shippedAt(),
                                                parcel.deliveredAt(), events.getOrDefault(parcel.id(), List.of())))
                                        .toList())))));
    }
}
