package io.flashorder.order.writer;

import io.flashorder.inventory.OrderKeys;
import io.flashorder.inventory.OrderSlot;
import io.flashorder.order.OrderPayloads;
import io.flashorder.order.OrderStatus;
import io.flashorder.order.PlacedOrder;
import io.flashorder.platform.sql.Transactions;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The writer's bulk insert: a batch of orders in ONE transaction and one statement, an {@code INSERT ... SELECT
 * FROM unnest(...)} per table; the orders' {@code ON CONFLICT DO NOTHING} decides which are new, so a batch
 * delivered twice (at-least-once stream) writes once.
 */
@ApplicationScoped
public class OrderBatchRepository {

    /**
     * The whole aggregate of a batch in one statement (one round trip). Only the orders inserted now (the
     * {@code ON CONFLICT} of their id decides) get their merchant orders, lines and allocations, in the same
     * statement: those rows are written with their order or not at all, so they need no conflict check of their own
     * (which cost PostgreSQL an index probe and a WAL record per row). The batch holds each order once.
     */
    private static final String INSERT_AGGREGATE = """
            WITH o AS (
                INSERT INTO customer_order (id, buyer_id, status, payment_method, campaign_id, currency, subtotal,
                    discount_total, shipping_total, payable, recipient_encrypted, phone_encrypted, region_code,
                    detail_encrypted, buyer_note, coupon_ids, applied_rules, placed_at, payment_deadline, version,
                    created_at, updated_at, device_hash, stock_slot)
                SELECT id, buyer_id, $19, payment_method, campaign_id, currency, subtotal, discount_total,
                    shipping_total, payable, recipient, phone, region_code, detail, note, coupons::jsonb, rules::jsonb,
                    placed_at, deadline, 0, $20, $20, device, slot
                FROM unnest($1::uuid[], $2::text[], $3::text[], $4::uuid[], $5::text[], $6::int8[], $7::int8[],
                            $8::int8[], $9::int8[], $10::text[], $11::text[], $12::text[], $13::text[], $14::text[],
                            $15::text[], $16::text[], $17::timestamptz[], $18::timestamptz[], $21::text[], $22::int2[])
                    AS u(id, buyer_id, payment_method, campaign_id, currency, subtotal, discount_total, shipping_total,
                         payable, recipient, phone, region_code, detail, note, coupons, rules, placed_at, deadline,
                         device, slot)
                ON CONFLICT (id) DO NOTHING
                RETURNING id),
            m AS (
                INSERT INTO merchant_order (id, order_id, merchant_id, status, subtotal, discount_total, shipping_fee,
                    payable, version, created_at, updated_at)
                SELECT id, order_id, merchant_id, $19, subtotal, discount_total, shipping_fee, payable, 0, $20, $20
                FROM unnest($23::uuid[], $24::uuid[], $25::uuid[], $26::int8[], $27::int8[], $28::int8[], $29::int8[])
                    AS u(id, order_id, merchant_id, subtotal, discount_total, shipping_fee, payable)
                WHERE u.order_id IN (SELECT id FROM o)),
            l AS (
                INSERT INTO order_line (id, order_id, merchant_order_id, sku_id, title, quantity, list_unit_price,
                    unit_price, subtotal, discount_total, payable, discounts)
                SELECT id, order_id, merchant_order_id, sku_id, title, quantity, list_unit_price, unit_price, subtotal,
                    discount_total, payable, discounts::jsonb
                FROM unnest($30::uuid[], $31::uuid[], $32::uuid[], $33::uuid[], $34::text[], $35::int4[], $36::int8[],
                            $37::int8[], $38::int8[], $39::int8[], $40::int8[], $41::text[])
                    AS u(id, order_id, merchant_order_id, sku_id, title, quantity, list_unit_price, unit_price,
                         subtotal, discount_total, payable, discounts)
                WHERE u.order_id IN (SELECT id FROM o)),
            a AS (
                INSERT INTO order_line_allocation (line_id, warehouse_id, quantity)
                SELECT line_id, warehouse_id, quantity
                FROM unnest($42::uuid[], $43::uuid[], $44::uuid[], $45::int4[])
                    AS u(order_id, line_id, warehouse_id, quantity)
                WHERE u.order_id IN (SELECT id FROM o))
            SELECT id FROM o""";

    /** Only ever moves forward: batches of several pods may commit out of order. */
    private static final String ADVANCE_WATERMARK = """
            INSERT INTO order_stream_watermark AS w (stream, last_ms, last_seq, updated_at) VALUES ($1, $2, $3, $4)
            ON CONFLICT (stream) DO UPDATE SET last_ms = excluded.last_ms, last_seq = excluded.last_seq,
                updated_at = excluded.updated_at
            WHERE (w.last_ms, w.last_seq) < (excluded.last_ms, excluded.last_seq)""";

    private final Pool pool;
    private final OrderPayloads payloads;
    private final OrderWriterConfig config;
    private final Clock clock;

    public OrderBatchRepository(Pool pool, OrderPayloads payloads, OrderWriterConfig config, Clock clock) {
        this.pool = pool;
        this.payloads = payloads;
        this.config = config;
        this.clock = clock;
    }

    /**
     * Inserts the orders in one transaction; emits how many of them were new (the others were already there).
     * Their OrderPlaced events are the caller's to announce once this committed ({@link OrderPlacedAnnouncer}).
     */
    public Uni<Integer> insert(List<PersistableOrder> orders) {
        return insert(orders, OrderSlot.HOME, null);
    }

    /**
     * The same, for a batch read from the placed-orders stream of {@code slot} up to entry {@code lastEntry}: the
     * transaction also moves that stream's watermark there, so PostgreSQL knows how far Redis must at least remember
     * (see {@code StockIntegrity}). The watermark is written last, so the row is locked only until the commit.
     */
    public Uni<Integer> insert(List<PersistableOrder> orders, OrderSlot slot, StreamId lastEntry) {
        if (orders.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        OffsetDateTime now = OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
        List<Object> parameters = new ArrayList<>(45);
        addOrders(parameters, distinct(orders), now);
        // A locked or hung database fails the statement (and the loop backs off) instead of stalling it.
        return Transactions.withStatementTimeout(pool, config.writeTimeout(), tx -> tx.preparedQuery(INSERT_AGGREGATE)
                .execute(Tuple.from(parameters))
                .map(OrderBatchRepository::insertedIds)
                .call(() -> lastEntry == null ? Uni.createFrom().voidItem()
                        : tx.preparedQuery(ADVANCE_WATERMARK).execute(Tuple.of(OrderKeys.placedStream(slot),
                                lastEntry.ms(), lastEntry.seq(), now)).replaceWithVoid())
                .map(Set::size));
    }

    /** The batch with each order once (a stream entry may be delivered twice), in its order. */
    private static List<PersistableOrder> distinct(List<PersistableOrder> orders) {
        Set<UUID> seen = new HashSet<>();
        List<PersistableOrder> distinct = new ArrayList<>(orders.size());
        for (PersistableOrder order : orders) {
            if (seen.add(order.order().id())) {
                distinct.add(order);
            }
        }
        return distinct;
    }

    /** The ids actually inserted (not those already there). */
    private static Set<UUID> insertedIds(RowSet<Row> rows) {
        Set<UUID> inserted = new HashSet<>();
        rows.forEach(row -> inserted.add(row.getUUID("id")));
        return inserted;
    }

    /** Parameters $1-$22: the orders themselves. */
    private void addOrders(List<Object> parameters, List<PersistableOrder> orders, OffsetDateTime now) {
        int n = orders.size();
        UUID[] ids = new UUID[n];
        String[] buyers = new String[n];
        String[] methods = new String[n];
        UUID[] campaigns = new UUID[n];
        String[] currencies = new String[n];
        Long[] subtotals = new Long[n];
        Long[] discounts = new Long[n];
        Long[] shipping = new Long[n];
        Long[] payables = new Long[n];
        String[] recipients = new String[n];
        String[] phones = new String[n];
        String[] regions = new String[n];
        String[] details = new String[n];
        String[] notes = new String[n];
        String[] coupons = new String[n];
        String[] rules = new String[n];
        OffsetDateTime[] placedAt = new OffsetDateTime[n];
        OffsetDateTime[] deadlines = new OffsetDateTime[n];
        String[] devices = new String[n];
        Short[] slots = new Short[n];
        for (int i = 0; i < n; i++) {
            PlacedOrder order = orders.get(i).order();
            ids[i] = order.id();
            buyers[i] = order.buyerId();
            methods[i] = order.paymentMethod().name();
            campaigns[i] = order.campaignId();
            currencies[i] = order.currency();
            subtotals[i] = order.subtotal();
            discounts[i] = order.discountTotal();
            shipping[i] = order.shippingTotal();
            payables[i] = order.payable();
            recipients[i] = order.address().recipientEncrypted();
            phones[i] = order.address().phoneEncrypted();
            regions[i] = order.address().regionCode();
            details[i] = order.address().detailEncrypted();
            notes[i] = order.buyerNote();
            coupons[i] = payloads.write(order.couponIds() == null ? List.of() : order.couponIds());
            rules[i] = payloads.write(order.rules() == null ? List.of() : order.rules());
            placedAt[i] = utc(order.placedAt());
            deadlines[i] = utc(order.paymentDeadline());
            devices[i] = order.deviceHash();
            slots[i] = (short) orders.get(i).slot().index();
        }
        parameters.addAll(List.of(ids, buyers, methods, campaigns, currencies, subtotals, discounts, shipping, payables,
                recipients, phones, regions, details, notes, coupons, rules, placedAt, deadlines,
                OrderStatus.PENDING_PAYMENT.name(), now, devices, slots));
        addMerchantOrders(parameters, orders);
        addLines(parameters, orders);
        addAllocations(parameters, orders);
    }

    /** Parameters $23-$29. */
    private static void addMerchantOrders(List<Object> parameters, List<PersistableOrder> orders) {
        List<UUID> ids = new ArrayList<>();
        List<UUID> orderIds = new ArrayList<>();
        List<UUID> merchants = new ArrayList<>();
        List<Long> subtotals = new ArrayList<>();
        List<Long> discounts = new ArrayList<>();
        List<Long> shipping = new ArrayList<>();
        List<Long> payables = new ArrayList<>();
        for (PersistableOrder persistable : orders) {
            for (PlacedOrder.MerchantPart part : persistable.order().merchantOrders()) {
                ids.add(part.id());
                orderIds.add(persistable.order().id());
                merchants.add(part.merchantId());
                subtotals.add(part.subtotal());
                discounts.add(part.discountTotal());
                shipping.add(part.shippingFee());
                payables.add(part.payable());
            }
        }
        parameters.addAll(List.of(uuids(ids), uuids(orderIds), uuids(merchants), longs(subtotals), longs(discounts),
                longs(shipping), longs(payables)));
    }

    /** Parameters $30-$41. */
    private void addLines(List<Object> parameters, List<PersistableOrder> orders) {
        List<UUID> ids = new ArrayList<>();
        List<UUID> orderIds = new ArrayList<>();
        List<UUID> merchantOrderIds = new ArrayList<>();
        List<UUID> skus = new ArrayList<>();
        List<String> titles = new ArrayList<>();
        List<Integer> quantities = new ArrayList<>();
        List<Long> listPrices = new ArrayList<>();
        List<Long> unitPrices = new ArrayList<>();
        List<Long> subtotals = new ArrayList<>();
        List<Long> discountTotals = new ArrayList<>();
        List<Long> payables = new ArrayList<>();
        List<String> discounts = new ArrayList<>();
        for (PersistableOrder persistable : orders) {
            for (PlacedOrder.MerchantPart part : persistable.order().merchantOrders()) {
                for (PlacedOrder.Line line : part.lines()) {
                    ids.add(line.id());
                    orderIds.add(persistable.order().id());
                    merchantOrderIds.add(part.id());
                    skus.add(line.skuId());
                    titles.add(line.title());
                    quantities.add(line.quantity());
                    listPrices.add(line.listUnitPrice());
                    unitPrices.add(line.unitPrice());
                    subtotals.add(line.subtotal());
                    discountTotals.add(line.discountTotal());
                    payables.add(line.payable());
                    discounts.add(payloads.write(line.discounts() == null ? List.of() : line.discounts()));
                }
            }
        }
        parameters.addAll(List.of(uuids(ids), uuids(orderIds), uuids(merchantOrderIds), uuids(skus),
                titles.toArray(String[]::new), quantities.toArray(Integer[]::new), longs(listPrices), longs(unitPrices),
                longs(subtotals), longs(discountTotals), longs(payables), discounts.toArray(String[]::new)));
    }

    /** Parameters $42-$45: each allocation with its order, so only those of orders inserted now are written. */
    private static void addAllocations(List<Object> parameters, List<PersistableOrder> orders) {
        List<UUID> orderIds = new ArrayList<>();
        List<UUID> lines = new ArrayList<>();
        List<UUID> warehouses = new ArrayList<>();
        List<Integer> quantities = new ArrayList<>();
        for (PersistableOrder persistable : orders) {
            for (PersistableOrder.LineAllocation allocation : persistable.lineAllocations()) {
                orderIds.add(persistable.order().id());
                lines.add(allocation.lineId());
                warehouses.add(allocation.warehouseId());
                quantities.add(allocation.quantity());
            }
        }
        parameters.addAll(List.of(uuids(orderIds), uuids(lines), uuids(warehouses),
                quantities.toArray(Integer[]::new)));
    }

    private static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private static UUID[] uuids(List<UUID> values) {
        return values.toArray(UUID[]::new);
    }

    private static Long[] longs(List<Long> values) {
        return values.toArray(Long[]::new);
    }
}
