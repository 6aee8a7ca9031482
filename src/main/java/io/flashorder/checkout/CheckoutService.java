package io.flashorder.checkout;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flashorder.catalog.CatalogSnapshot;
import io.flashorder.catalog.CatalogSnapshotService;
import io.flashorder.inventory.Reservation;
import io.flashorder.inventory.ReservationOutcome;
import io.flashorder.inventory.StockRecoveringException;
import io.flashorder.inventory.StockTrust;
import io.flashorder.order.OrderPayloads;
import io.flashorder.order.OrderStatus;
import io.flashorder.order.PaymentMethod;
import io.flashorder.order.PlacedOrder;
import io.flashorder.order.query.OrderQueries;
import io.flashorder.order.query.OrderView;
import io.flashorder.platform.FlashorderConfig;
import io.flashorder.platform.Ids;
import io.flashorder.platform.NoContextPropagation;
import io.flashorder.platform.error.ApiException;
import io.flashorder.platform.error.FieldViolation;
import io.flashorder.platform.error.Problem;
import io.flashorder.points.PointsConfig;
import io.flashorder.points.PointsService;
import io.flashorder.pricing.PricingService;
import io.flashorder.pricing.quote.CartLine;
import io.flashorder.pricing.quote.CartRequest;
import io.flashorder.pricing.quote.LineQuote;
import io.flashorder.pricing.quote.MerchantOrderQuote;
import io.flashorder.pricing.quote.PriceQuote;
import io.flashorder.risk.Fingerprints;
import io.flashorder.security.CurrentUser;
import io.flashorder.security.PiiCipher;
import io.flashorder.settings.MerchantSettingsService;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The place-order pipeline, in one pass and without blocking: validate, refuse known sold-out SKUs from memory,
 * price (in memory), then ONE Redis script decides and records everything (see lua/reserve_order.lua).
 * PostgreSQL is not on this path: the order reaches it through the placed-orders stream.
 */
@Singleton
public class CheckoutService {

    static final int MAX_IDEMPOTENCY_KEY_LENGTH = 255;

    private final PricingService pricing;
    private final WarehousePreference warehouses;
    private final OrderQueries orders;
    private final PiiCipher pii;
    private final ObjectMapper json;
    private final CheckoutConfig config;
    private final FlashorderConfig platform;
    private final MerchantSettingsService merchantSettings;
    private final Clock clock;
    private final CurrentUser user;
    private final StockTrust trust;
    private final PlacementMetrics placements;
    private final PointsService points;
    private final PointsConfig pointsConfig;
    private final StockPlacement placement;
    private final CatalogSnapshotService catalog;
    private final OrderPayloads payloads;

    public CheckoutService(PricingService pricing, WarehousePreference warehouses,
                           OrderQueries orders, PiiCipher pii,
                           ObjectMapper json, CheckoutConfig config, FlashorderConfig platform,
                           MerchantSettingsService merchantSettings, Clock clock,
                           CurrentUser user, StockTrust trust, PlacementMetrics placements, PointsService points,
                           PointsConfig pointsConfig, StockPlacement placement, CatalogSnapshotService catalog,
                           OrderPayloads payloads) {
        this.payloads = payloads;
        this.catalog = catalog;
        this.placement = placement;
        this.points = points;
        this.pointsConfig = pointsConfig;
        this.trust = trust;
        this.placements = placements;
        this.pricing = pricing;
        this.warehouses = warehouses;
        this.orders = orders;
        this.pii = pii;
        this.json = json;
        this.config = config;
        this.platform = platform;
        this.merchantSettings = merchantSettings;
        this.clock = clock;
        this.user = user;
    }

    /** Places an order for the calling customer; every outcome is counted (flashorder_placements_total). */
    public Uni<OrderView> place(String idempotencyKey, String deviceFingerprint, PlaceOrderRequest request) {
        // Without context propagation: the caller (CurrentUser, request-scoped) is read in decide(), before the
        // reservation's Redis call; nothing after it reads the request scope.
        return NoContextPropagation.of(() -> Uni.createFrom().deferred(() -> decide(idempotencyKey,
                        DeviceFingerprint.hashOf(deviceFingerprint), request))
                .onItemOrFailure().invoke((order, failure) -> placements.record(failure,
                        request == null ? null : request.campaignId())));
    }

    private Uni<OrderView> decide(String idempotencyKey, String deviceHash, PlaceOrderRequest request) {
        requireIdempotencyKey(idempotencyKey);
        if (!trust.acceptsPlacements()) {
            // In memory: while Redis is being rebuilt from PostgreSQL, or not verified yet (start-up, a restart, Redis
            // or PostgreSQL unreachable), no placement reaches it.
            throw trust.state() == StockTrust.State.RECOVERING
                    ? new StockRecoveringException("Stock is being rebuilt after Redis lost data; retry shortly")
                    : ApiException.unavailable("stock-unavailable", "Orders cannot be taken right now; retry shortly");
        }
        // Known sold-out SKUs never get here: SoldOutFastPath answers them before the body is even bound.
        String region = requireConsistent(request);
        Buyer buyer = new Buyer(user.userId(), user.tier().orElse(null));
        Instant now = clock.instant();
        CartRequest cart = new CartRequest(buyer.userId(), buyer.memberTier(), request.campaignId(), region,
                request.items().stream().map(i -> new CartLine(i.skuId(), i.quantity())).toList(),
                request.couponIdsOrEmpty(), request.pointsOrZero() == 0 ? null
                : pointsConfig.redemption(request.pointsOrZero()));
        // The catalog the cart was priced against, not the catalog's current snapshot: a SKU added since would be in
        // one and not the other.
        // Before pricing, so a bucketed order's coupons are refused as such, not as unknown or spent ones. A campaign
        // item's bucket count is fixed once its stock is loaded, so every snapshot since agrees on the route.
        CatalogSnapshot current = catalog.current();
        StockRoute route = StockRoute.of(buyer.userId(), request.campaignId(),
                request.items().stream().map(PlaceOrderRequest.Item::skuId).toList(), current);
        route.requirePlaceable(request, current);
        return pricing.price(cart, now).chain(priced -> reserve(buyer, idempotencyKey, deviceHash, request, region,
                priced.quote(), priced.catalog(), now, route));
    }

    private Uni<OrderView> reserve(Buyer buyer, String idempotencyKey, String deviceHash, PlaceOrderRequest request,
                                   String region, PriceQuote quote, CatalogSnapshot snapshot, Instant now,
                                   StockRoute route) {
        UUID orderId = Ids.newId();
        CatalogSnapshot.CampaignInfo campaign = request.campaignId() == null ? null
                : snapshot.campaign(request.campaignId()).orElse(null);
        // A live campaign's own timeout wins; otherwise the shortest of the merchants' (in-memory settings).
        Duration timeout = campaign != null && campaign.isLive(now)
                ? Duration.ofSeconds(campaign.paymentTimeoutSeconds())
                : merchantSettings.paymentTimeout(quote.merchantOrders().stream()
                        .map(MerchantOrderQuote::merchantId).toList());
        Instant deadline = now.plus(timeout);
        PlaceOrderRequest.Address address = request.address();
        PlacedOrder.Address sealed = new PlacedOrder.Address(pii.encrypt(address.recipient().strip()),
                pii.encrypt(address.phone().strip()), region, pii.encrypt(address.detail().strip()));
        // A bucketed order's retry carries on with the order id its first attempt got (see StockPlacement): the
        // order is drafted once per id it is asked for.
        Map<UUID, PlacedOrder> drafts = new ConcurrentHashMap<>();
        Function<UUID, PlacedOrder> draft = id -> drafts.computeIfAbsent(id, newId -> OrderDraft.from(newId, buyer,
                request, quote, snapshot, sealed, now, deadline, deviceHash));
        PlacedOrder order = draft.apply(orderId);

        List<Reservation.Line> lines = quote.merchantOrders().stream().flatMap(m -> m.lines().stream())
                .sorted(Comparator.comparing(LineQuote::skuId, Ids.TEXT_ORDER))
                .map(line -> reservationLine(line, snapshot, region))
                .toList();
        Reservation reservation = new Reservation(route.home(), orderId, buyer.userId(), Fingerprints.sha256(idempotencyKey),
                requestHash(request), deadline.toEpochMilli(), Fingerprints.phone(address.phone()),
                Fingerprints.address(region, address.detail()),
                order.campaignId(), campaign == null ? 0 : campaign.perUserLimit(), lines,
                order.couponIds(), toJson(order), request.pointsOrZero(),
                route.bucketed() ? Reservation.Role.HOME : Reservation.Role.SINGLE, route.home());
        return reserveLoadingPoints(route, reservation, id -> toJson(draft.apply(id)))
                .onFailure(failure -> !(failure instanceof ApiException)).transform(CheckoutService::unavailable)
                .chain(outcome -> answer(buyer, draft, outcome, new OrderView.AddressView(address.recipient().strip(),
                        address.phone().strip(), region, address.detail().strip())));
    }

    /**
     * Reserves; when the order spends points and the buyer's points are not mirrored in Redis yet (first spending, or
     * Redis came back with less than it had), loads them from the ledger and reserves again, once. An order without
     * points never gets that answer, so it never pays for this (nor does a bucketed order, which spends none).
     */
    private Uni<ReservationOutcome> reserveLoadingPoints(StockRoute route, Reservation reservation,
                                                        Function<UUID, String> payloadFor) {
        return placement.reserve(route, reservation, payloadFor).chain(outcome ->
                outcome instanceof ReservationOutcome.PointsNotLoaded
                        ? points.loadMirror(reservation.userId())
                                .onFailure().transform(CheckoutService::unavailable)
                                .chain(() -> placement.reserve(route, reservation, payloadFor))
                        : Uni.createFrom().item(outcome));
    }

    private Reservation.Line reservationLine(LineQuote line, CatalogSnapshot snapshot, String region) {
        CatalogSnapshot.SkuInfo sku = pricedSku(snapshot, line);
        return new Reservation.Line(sku.id(), line.quantity(), line.campaignId() != null, sku.lowStockThreshold(),
                warehouses.forBuyerIn(region, snapshot.warehousesOf(sku.merchantId())));
    }

    /**
     * The catalog's SKU of a priced line. The snapshot is the one the cart was priced against, so it has every
     * priced SKU; should one be missing anyway, the buyer gets a 409 to act on, never a 500.
     */
    static CatalogSnapshot.SkuInfo pricedSku(CatalogSnapshot snapshot, LineQuote line) {
        return snapshot.sku(line.skuId()).orElseThrow(() -> ApiException.conflict("sku-unavailable",
                "SKU " + line.skuId() + " is no longer sold; reload the cart", Map.of("skuId", line.skuId())));
    }

    private Uni<OrderView> answer(Buyer buyer, Function<UUID, PlacedOrder> draft, ReservationOutcome outcome,
                                  OrderView.AddressView address) {
        return switch (outcome) {
            case ReservationOutcome.Accepted accepted ->
                    Uni.createFrom().item(OrderView.of(draft.apply(accepted.orderId()),
                            payloads.allocations(accepted.allocationJson()),
                            OrderStatus.PENDING_PAYMENT, address));
            case ReservationOutcome.Replayed replayed -> orders.get(buyer.userId(), replayed.orderId());
            case ReservationOutcome.KeyReused ignored -> Uni.createFrom().failure(ApiException.unprocessable(
                    "idempotency-key-reused", "This Idempotency-Key was already used for a different order"));
            case ReservationOutcome.Blacklisted blacklisted -> {
                Log.infof("Order of %s refused by risk control (%s)", buyer.userId(), blacklisted.what());
                yield Uni.createFrom().failure(ApiException.forbidden("order-refused",
                        "This order cannot be accepted; contact customer service"));
            }
            case ReservationOutcome.RateLimited ignored -> Uni.createFrom().failure(new ApiException(
                    Problem.of(429, "rate-limited", "Too many requests", "Too many orders in a short time; retry later")));
            case ReservationOutcome.LimitExceeded limit -> Uni.createFrom().failure(ApiException.conflict(
                    "purchase-limit-exceeded", "The campaign allows " + limit.limit() + " units per buyer",
                    Map.of("limit", limit.limit(), "alreadyBought", limit.alreadyBought())));
            case ReservationOutcome.SoldOut sold -> Uni.createFrom().failure(
                    SoldOutRefusals.problem(sold.availableBySku(), sold.decidedAtMicros()));
            case ReservationOutcome.BucketShort lacking -> Uni.createFrom().failure(
                    SoldOutRefusals.problem(lacking.availableBySku(), lacking.decidedAtMicros()));
            // Not settled yet (StockPlacement walks on until it is): the buyer's retry with the same key finishes it.
            case ReservationOutcome.Pending ignored -> Uni.createFrom().failure(ApiException.unavailable(
                    "stock-unavailable", "The order is still being placed; retry with the same Idempotency-Key"));
            case ReservationOutcome.CouponUnavailable coupon -> Uni.createFrom().failure(ApiException.conflict(
                    "coupon-unavailable", "Coupon " + coupon.couponId() + " is not available",
                    Map.of("couponId", coupon.couponId())));
            case ReservationOutcome.Recovering ignored -> Uni.createFrom().failure(new StockRecoveringException(
                    "Stock is being verified or rebuilt after a Redis restart; retry shortly"));
            case ReservationOutcome.PointsInsufficient insufficient -> Uni.createFrom().failure(ApiException.conflict(
                    "insufficient-points", "You can spend " + insufficient.spendable() + " points now",
                    Map.of("spendable", insufficient.spendable())));
            case ReservationOutcome.PointsNotLoaded ignored -> Uni.createFrom().failure(ApiException.unavailable(
                    "points-unavailable", "Your points cannot be read right now; retry shortly"));
        };
    }

    private void requireIdempotencyKey(String key) {
        if (key == null || key.isBlank()) {
            throw ApiException.badRequest("idempotency-key-required", "The Idempotency-Key header is required");
        }
        if (key.length() > MAX_IDEMPOTENCY_KEY_LENGTH) {
            throw ApiException.badRequest("idempotency-key-too-long",
                    "The Idempotency-Key header is at most " + MAX_IDEMPOTENCY_KEY_LENGTH + " characters");
        }
    }

    /**
     * Rules Bean Validation cannot express: no SKU or coupon twice, a region the platform ships to, points only on
     * orders paid online (they are spent for good when the payment arrives).
     */
    private String requireConsistent(PlaceOrderRequest request) {
        List<FieldViolation> violations = new ArrayList<>();
        Set<UUID> skus = new HashSet<>();
        for (int i = 0; i < request.items().size(); i++) {
            if (!skus.add(request.items().get(i).skuId())) {
                violations.add(new FieldViolation("items[" + i + "].skuId", "appears more than once"));
            }
        }
        Set<UUID> coupons = new HashSet<>();
        List<UUID> couponIds = request.couponIdsOrEmpty();
        for (int i = 0; i < couponIds.size(); i++) {
            if (!coupons.add(couponIds.get(i))) {
                violations.add(new FieldViolation("couponIds[" + i + "]", "appears more than once"));
            }
        }
        if (request.pointsOrZero() > 0 && request.paymentMethod() != PaymentMethod.ONLINE) {
            violations.add(new FieldViolation("pointsToUse", "points can only be spent on orders paid online"));
        }
        String region = request.address().regionCode().strip().toUpperCase(Locale.ROOT);
        if (!platform.regions().contains(region)) {
            violations.add(new FieldViolation("address.regionCode", "must be one of " + platform.regions()));
        }
        if (!violations.isEmpty()) {
            throw ApiException.invalid("The order is not consistent", violations);
        }
        return region;
    }

    private static ApiException unavailable(Throwable failure) {
        Log.warnf("Reservation failed: %s", failure.toString());
        return ApiException.unavailable("stock-unavailable", "Orders cannot be taken right now; retry shortly");
    }

    /** Same body, same hash: the canonical form ignores the order of items and coupons. */
    private String requestHash(PlaceOrderRequest request) {
        PlaceOrderRequest canonical = new PlaceOrderRequest(
                request.items().stream().sorted(Comparator.comparing(PlaceOrderRequest.Item::skuId, Ids.TEXT_ORDER)).toList(),
                request.address(),
                request.couponIdsOrEmpty().stream().sorted(Ids.TEXT_ORDER).toList(),
                request.campaignId(), request.buyerNote(), request.paymentMethod(),
                request.pointsOrZero() == 0 ? null : request.pointsToUse());
        return Fingerprints.sha256(toJson(canonical));
    }

    private String toJson(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot serialise " + value.getClass().getSimpleName(), e);
        }
    }
}
