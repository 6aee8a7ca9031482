package io.flashorder.logistics.address;

import io.flashorder.catalog.CatalogSnapshot;
import io.flashorder.catalog.CatalogSnapshotService;
import io.flashorder.checkout.PlaceOrderRequest;
import io.flashorder.logistics.LogisticsConfig;
import io.flashorder.logistics.address.AddressChangeRepository.ParcelOfOrder;
import io.flashorder.logistics.address.AddressChangeView.Repricing;
import io.flashorder.logistics.address.AddressChangeView.Settlement;
import io.flashorder.order.OrderStatus;
import io.flashorder.order.PlacedOrder;
import io.flashorder.order.lifecycle.OrderAddresses;
import io.flashorder.order.lifecycle.OrderAddresses.AddressedOrder;
import io.flashorder.order.lifecycle.OrderAddresses.Part;
import io.flashorder.order.lifecycle.OrderTransitions.Actor;
import io.flashorder.order.query.OrderView;
import io.flashorder.platform.FlashorderConfig;
import io.flashorder.platform.error.ApiException;
import io.flashorder.platform.error.FieldViolation;
import io.flashorder.platform.sql.Transactions;
import io.flashorder.pricing.PricingService;
import io.flashorder.pricing.engine.ShippingStep;
import io.flashorder.pricing.model.MerchantRules;
import io.flashorder.pricing.model.ShippingTemplate;
import io.flashorder.security.PiiCipher;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.Validator;
import org.eclipse.microprofile.faulttolerance.Timeout;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The buyer changes the delivery address of its paid order until packing: while none of the order's parcels is past
 * PICKING (and none carries another order's units after a merge). The address is stored encrypted as at placement;
 * each merchant order's shipping is re-priced for the new region with the merchant's current template (the carrier
 * is chosen later, when the waybill is booked, for the address then), and the difference to what was charged is
 * recorded as owed, in the order's history and in {@code order_address_change}: not charged, not refunded.
 */
@ApplicationScoped
public class AddressChangeService {

    /** Parcel statuses that leave the address free to change (MERGED and CANCELLED carry nothing). */
    private static final Set<String> BEFORE_PACKING = Set.of("AWAITING_PICK", "PICKING", "MERGED", "CANCELLED");
    private static final Set<OrderStatus> CHANGEABLE = EnumSet.of(OrderStatus.AWAITING_SHIPMENT, OrderStatus.AFTER_SALE);
    private static final Set<OrderStatus> ENDED = EnumSet.of(OrderStatus.CANCELLED, OrderStatus.CLOSED);

    private final Pool pool;
    private final OrderAddresses orders;
    private final AddressChangeRepository changes;
    private final PricingService pricing;
    private final CatalogSnapshotService catalog;
    private final PiiCipher pii;
    private final Validator validator;
    private final FlashorderConfig platform;
    private final LogisticsConfig config;
    private final Clock clock;

    public AddressChangeService(Pool pool, OrderAddresses orders, AddressChangeRepository changes,
                                PricingService pricing, CatalogSnapshotService catalog, PiiCipher pii,
                                Validator validator, FlashorderConfig platform, LogisticsConfig config, Clock clock) {
        this.pool = pool;
        this.orders = orders;
        this.changes = changes;
        this.pricing = pricing;
        this.catalog = catalog;
        this.pii = pii;
        this.validator = validator;
        this.platform = platform;
        this.config = config;
        this.clock = clock;
    }

    /** {@code complete}: PUT (every field given) rather than PATCH (at least one). */
    @Timeout(5000)
    public Uni<AddressChangeView> change(String buyerId, UUID orderId, ShippingAddressRequest request,
                                         boolean complete) {
        requireShape(request, complete);
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        return Transactions.withStatementTimeout(pool, Duration.ofMillis(config.statementTimeoutMillis()),
                tx -> orders.lockOwn(tx, buyerId, orderId).chain(order -> {
                    if (!CHANGEABLE.contains(order.status())) {
                        throw ApiException.conflict("order-status", "Order " + orderId + " is " + order.status()
                                + "; its address changes after payment and until packing",
                                Map.of("currentStatus", order.status().name()));
                    }
                    return changes.lockParcels(tx, orderId).chain(parcels -> {
                        requireBeforePacking(parcels);
                        PlaceOrderRequest.Address address = merged(order.address(), request);
                        List<Repricing> shipping = reprice(order, address.regionCode());
                        return store(tx, buyerId, order, address, shipping, now)
                                .replaceWith(new AddressChangeView(orderId, new OrderView.AddressView(
                                        address.recipient(), address.phone(), address.regionCode(), address.detail()),
                                        shipping));
                    });
                }));
    }

    private static void requireShape(ShippingAddressRequest request, boolean complete) {
        if (request.empty()) {
            throw ApiException.invalidField("address", "name at least one of recipient, phone, regionCode, detail");
        }
        if (!complete) {
            return;
        }
        List<FieldViolation> missing = new ArrayList<>();
        if (request.recipient() == null) {
            missing.add(new FieldViolation("recipient", "must not be null"));
        }
        if (request.phone() == null) {
            missing.add(new FieldViolation("phone", "must not be null"));
        }
        if (request.regionCode() == null) {
            missing.add(new FieldViolation("regionCode", "must not be null"));
        }
        if (request.detail() == null) {
            missing.add(new FieldViolation("detail", "must not be null"));
        }
        if (!missing.isEmpty()) {
            throw ApiException.invalid("PUT replaces the whole address; use PATCH to change some fields", missing);
        }
    }

    private static void requireBeforePacking(List<ParcelOfOrder> parcels) {
        for (ParcelOfOrder parcel : parcels) {
            if (!BEFORE_PACKING.contains(parcel.status())) {
                throw ApiException.conflict("parcel-past-picking", "Parcel " + parcel.id() + " is " + parcel.status()
                        + "; the address can change only until packing starts",
                        Map.of("parcelId", parcel.id(), "currentStatus", parcel.status()));
            }
            if (parcel.shared() && !parcel.status().equals("CANCELLED")) {
                throw ApiException.conflict("parcel-shared", "Parcel " + parcel.id() + " was merged with another order "
                        + "to the same address; ask the merchant to change it", Map.of("parcelId", parcel.id()));
            }
        }
    }

    /** The stored address with the request's fields over it, checked by the rules an order is placed with. */
    private PlaceOrderRequest.Address merged(PlacedOrder.Address stored, ShippingAddressRequest request) {
        PlaceOrderRequest.Address address = new PlaceOrderRequest.Address(
                strip(request.recipient() != null ? request.recipient() : pii.decrypt(stored.recipientEncrypted())),
                strip(request.phone() != null ? request.phone() : pii.decrypt(stored.phoneEncrypted())),
                strip(request.regionCode() != null ? request.regionCode() : stored.regionCode()).toUpperCase(Locale.ROOT),
                strip(request.detail() != null ? request.detail() : pii.decrypt(stored.detailEncrypted())));
        List<FieldViolation> violations = new ArrayList<>();
        validator.validate(address).forEach(v -> violations.add(new FieldViolation(v.getPropertyPath().toString(),
                v.getMessage())));
        if (!address.regionCode().isEmpty() && !platform.regions().contains(address.regionCode())) {
            violations.add(new FieldViolation("regionCode", "must be one of " + platform.regions()));
        }
        if (!violations.isEmpty()) {
            throw ApiException.invalid("The address is not valid", violations);
        }
        return address;
    }

    /** Each live merchant order's fee for the new region; unchanged region: the charged fee, nothing owed. */
    private List<Repricing> reprice(AddressedOrder order, String region) {
        String previous = order.address().regionCode();
        CatalogSnapshot snapshot = catalog.current();
        List<Repricing> result = new ArrayList<>();
        for (Part part : order.merchantOrders()) {
            if (ENDED.contains(part.status())) {
                continue;
            }
            long newFee = part.shippingFee();
            if (!region.equals(previous)) {
                MerchantRules rules = pricing.snapshot().merchants().get(part.merchantId());
                ShippingTemplate template = rules == null ? null : rules.shippingTemplateFor(region);
                if (template == null) {
                    throw ApiException.unprocessable("region-not-shipped", "The merchant of " + part.id()
                            + " does not ship to region " + region);
                }
                if (!template.currency().equals(order.currency())) {
                    throw ApiException.unprocessable("region-not-shipped", "The merchant of " + part.id()
                            + " ships to region " + region + " in " + template.currency() + ", not "
                            + order.currency());
                }
                newFee = ShippingStep.quote(template, region, weight(snapshot, part.units()),
                        part.payable() - part.shippingFee()).fee();
            }
            long difference = newFee - part.shippingFee();
            result.add(new Repricing(part.id(), previous, region, part.shippingFee(), newFee, difference,
                    order.currency(), Settlement.of(difference)));
        }
        return result;
    }

    private Uni<Void> store(SqlConnection tx, String buyerId, AddressedOrder order, PlaceOrderRequest.Address address,
                            List<Repricing> shipping, Instant now) {
        PlacedOrder.Address encrypted = new PlacedOrder.Address(pii.encrypt(address.recipient()),
                pii.encrypt(address.phone()), address.regionCode(), pii.encrypt(address.detail()));
        Map<UUID, String> history = new LinkedHashMap<>();
        Map<UUID, UUID> merchants = new LinkedHashMap<>();
        order.merchantOrders().forEach(part -> merchants.put(part.id(), part.merchantId()));
        shipping.forEach(r -> history.put(r.merchantOrderId(), historyLine(r)));
        Actor actor = Actor.buyer(buyerId);
        return orders.replace(tx, order, encrypted, actor, history, now)
                .chain(() -> Multi.createFrom().iterable(shipping)
                        .onItem().transformToUniAndConcatenate(r -> changes.record(tx, order.id(),
                                merchants.get(r.merchantOrderId()), r, actor.name(), now))
                        .collect().last())
                .replaceWithVoid();
    }

    private static String historyLine(Repricing r) {
        String line = "shipping address changed by the buyer (region " + r.previousRegion() + " -> " + r.newRegion()
                + ")";
        if (r.previousRegion().equals(r.newRegion())) {
            return line + "; shipping unchanged";
        }
        return line + "; shipping re-priced " + r.chargedFee() + " -> " + r.newFee() + " " + r.currency()
                + " minor units" + switch (r.settlement()) {
                    case NONE -> ", nothing owed";
                    case OWED_BY_BUYER -> ", " + r.difference() + " owed by the buyer (recorded, not charged)";
                    case OWED_TO_BUYER -> ", " + -r.difference() + " owed to the buyer (recorded, not refunded)";
                };
    }

    private static long weight(CatalogSnapshot snapshot, Map<UUID, Long> units) {
        long grams = 0;
        for (var entry : units.entrySet()) {
            long each = snapshot.sku(entry.getKey()).map(sku -> (long) sku.weightGrams()).orElse(0L);
            grams = Math.addExact(grams, Math.multiplyExact(each, entry.getValue()));
        }
        return grams;
    }

    private static String strip(String value) {
        return value == null ? null : value.strip();
    }
}
