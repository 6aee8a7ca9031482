package io.flashorder.aftersale;

import io.flashorder.order.OrderStatus;
import io.flashorder.platform.Ids;
import io.flashorder.platform.page.PageRequest;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * SQL of after-sales, inside the caller's transaction. Every change first locks the order row
 * ({@code customer_order ... FOR UPDATE}), the same lock the order's own transitions take, so the cases of one order
 * and its merchant orders' moves happen one after another; the guarded update on status and version is the second
 * line of defence.
 */
@ApplicationScoped
public class AfterSaleRepository {

    private static final String OPEN_STATUSES = Arrays.stream(AfterSaleStatus.values())
            .filter(AfterSaleStatus::isOpen).map(s -> "'" + s.name() + "'")
            .reduce((a, b) -> a + ", " + b).orElseThrow();

    private static final String LOCK_ORDER_OF_MERCHANT_ORDER = """
            SELECT id FROM customer_order WHERE id = (SELECT order_id FROM merchant_order WHERE id = $1) FOR UPDATE""";
    private static final String LOCK_ORDER_OF_CASE = """
            SELECT id FROM customer_order WHERE id = (SELECT order_id FROM after_sale_case WHERE id = $1) FOR UPDATE""";
    private static final String MERCHANT_ORDER = """
            SELECT mo.id, mo.order_id, mo.merchant_id, mo.status, mo.shipping_fee, mo.shipped_at, mo.completed_at,
                   mo.after_sales_closes_at, co.buyer_id, co.currency, co.payment_method, co.stock_settled_at
            FROM merchant_order mo JOIN customer_order co ON co.id = mo.order_id WHERE mo.id = $1""";
    private static final String LINES = """
            SELECT l.id, l.sku_id, l.quantity, l.payable,
                   coalesce(sum(cl.quantity) FILTER (WHERE c.status = 'SUCCEEDED' AND c.type <> 'EXCHANGE'), 0)::int
                       AS refunded,
                   coalesce(sum(cl.quantity) FILTER (WHERE cl.open AND c.type <> 'EXCHANGE'), 0)::int AS in_progress,
                   bool_or(coalesce(cl.open, false)) AS held
            FROM order_line l
                LEFT JOIN after_sale_case_line cl ON cl.line_id = l.id
                LEFT JOIN after_sale_case c ON c.id = cl.case_id
            WHERE l.merchant_order_id = $1
            GROUP BY l.id ORDER BY l.id""";
    private static final String ALLOCATIONS = """
            SELECT line_id, warehouse_id, quantity FROM order_line_allocation WHERE line_id = ANY($1)
            ORDER BY line_id, warehouse_id""";
    /** Units of the lines' own SKUs (an exchange's released replacement may be another SKU). */
    private static final String RETURNED_PER_WAREHOUSE = """
            SELECT r.line_id, r.warehouse_id, sum(r.quantity)::int AS units FROM after_sale_stock_return r
                JOIN order_line l ON l.id = r.line_id AND l.sku_id = r.sku_id
            WHERE r.line_id = ANY($1) GROUP BY r.line_id, r.warehouse_id""";
    private static final String INSERT_CASE = """
            INSERT INTO after_sale_case (id, order_id, merchant_order_id, merchant_id, buyer_id, type, status,
                reason_code, description, evidence_urls, goods_refund, shipping_refund, currency, before_shipment,
                created_at, updated_at)
            VALUES ($1, $2, $3, $4, $5, $6, 'PENDING_REVIEW', $7, $8, $9, $10, $11, $12, $13, $14, $14)""";
    private static final String INSERT_LINES = """
            INSERT INTO after_sale_case_line (case_id, line_id, sku_id, quantity, refund_amount, open,
                replacement_sku_id)
            SELECT $1, line_id, sku_id, quantity, refund_amount, true, replacement_sku_id
            FROM unnest($2::uuid[], $3::uuid[], $4::int[], $5::int8[], $6::uuid[])
                AS u(line_id, sku_id, quantity, refund_amount, replacement_sku_id)""";
    private static final String INSERT_TRANSITION = """
            INSERT INTO after_sale_transition (id, case_id, event, from_status, to_status, actor, reason, at)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8)""";
    private static final String MOVE = """
            UPDATE after_sale_case SET status = $3, version = version + 1, updated_at = $5,
                ended_at = CASE WHEN $6 THEN $5 ELSE ended_at END,
                decision_reason = coalesce($7, decision_reason),
                disputed = disputed OR $8
            WHERE id = $1 AND status = $2 AND version = $4""";
    private static final String SET_LINES_OPEN = "UPDATE after_sale_case_line SET open = $2 WHERE case_id = $1";
    private static final String CASE = """
            SELECT c.*, (SELECT json_agg(json_build_object('lineId', cl.line_id, 'skuId', cl.sku_id,
                        'quantity', cl.quantity, 'refundAmount', cl.refund_amount, 'restocked', cl.restocked,
                        'writtenOff', cl.written_off, 'replacementSkuId', cl.replacement_sku_id) ORDER BY cl.line_id)
                    FROM after_sale_case_line cl WHERE cl.case_id = c.id)::text AS lines_json,
                   r.id AS refund_id, r.amount AS refund_amount, r.method AS refund_method, r.status AS refund_status,
                   r.attempts AS refund_attempts, r.last_error AS refund_last_error,
                   r.next_attempt_at AS refund_next_attempt_at, r.provider_refund_id, r.offline_reference,
                   r.succeeded_at AS refund_succeeded_at
            FROM after_sale_case c LEFT JOIN after_sale_refund r ON r.case_id = c.id""";
    private static final String BY_ID = CASE + " WHERE c.id = $1";
    private static final String BY_BUYER = CASE + """
             WHERE c.buyer_id = $1 AND ($2::text IS NULL OR c.status = $2) AND c.id < $3
            ORDER BY c.id DESC LIMIT $4""";
    private static final String BY_MERCHANT = CASE + """
             WHERE c.merchant_id = $1 AND ($2::text IS NULL OR c.status = $2) AND c.id < $3
            ORDER BY c.id DESC LIMIT $4""";
    private static final String COUNTS = """
            SELECT status, count(*) AS cases FROM after_sale_case WHERE merchant_id = $1 GROUP BY status""";
    private static final String HISTORY = """
            SELECT event, from_status, to_status, actor, reason, at FROM after_sale_transition
            WHERE case_id = $1 ORDER BY id""";
    private static final String OPEN_CASES_OF_MERCHANT_ORDER = """
            SELECT count(*) FROM after_sale_case WHERE merchant_order_id = $1 AND status IN (%s)"""
            .formatted(OPEN_STATUSES);
    private static final String INSERT_STOCK_RETURN = """
            INSERT INTO after_sale_stock_return (case_id, line_id, sku_id, warehouse_id, quantity, created_at)
            SELECT $1, line_id, sku_id, warehouse_id, quantity, $6
            FROM unnest($2::uuid[], $3::uuid[], $4::uuid[], $5::int[]) AS u(line_id, sku_id, warehouse_id, quantity)""";
    private static final String STOCK_RETURN = """
            SELECT r.sku_id, r.warehouse_id, r.quantity, co.stock_slot <> 0 AS sold_in_bucket
            FROM after_sale_stock_return r
                JOIN after_sale_case c ON c.id = r.case_id JOIN customer_order co ON co.id = c.order_id
            WHERE r.case_id = $1 AND r.applied_at IS NULL""";
    private static final String STOCK_RETURN_APPLIED = """
            UPDATE after_sale_stock_return SET applied_at = $2 WHERE case_id = $1 AND applied_at IS NULL""";
    /** Returns not applied in Redis yet whose order's own stock step has run (its units count as sold). */
    private static final String DUE_STOCK_RETURNS = """
            SELECT DISTINCT r.case_id FROM after_sale_stock_return r
                JOIN after_sale_case c ON c.id = r.case_id JOIN customer_order co ON co.id = c.order_id
            WHERE r.applied_at IS NULL AND r.created_at <= $1 AND co.stock_settled_at IS NOT NULL
            LIMIT $2""";
    private static final String ORDER_STOCK_SETTLED = """
            SELECT co.stock_settled_at IS NOT NULL FROM after_sale_case c JOIN customer_order co ON co.id = c.order_id
            WHERE c.id = $1""";
    private static final String INSERT_REFUND = """
            INSERT INTO after_sale_refund (id, case_id, order_id, merchant_id, amount, currency, method, status,
                next_attempt_at, created_at, updated_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7, 'PENDING', $8, $8, $8)
            ON CONFLICT (case_id) DO NOTHING""";

    private static final String RETURN_SHIPPED = """
            UPDATE after_sale_case SET return_carrier = $2, return_tracking = $3, return_shipped_at = $4
            WHERE id = $1 AND return_shipped_at IS NULL""";
    private static final String RECEIVED = """
            UPDATE after_sale_case SET received_at = $2, restock_warehouse_id = $3 WHERE id = $1""";
    private static final String INSPECTED = """
            UPDATE after_sale_case_line cl SET restocked = u.restocked, written_off = u.written_off
            FROM unnest($2::uuid[], $3::int[], $4::int[]) AS u(line_id, restocked, written_off)
            WHERE cl.case_id = $1 AND cl.line_id = u.line_id""";

    private static final String SET_DUE = "UPDATE after_sale_case SET due_at = $2 WHERE id = $1";

    /** Cases whose deadline passed, their orders locked; rows another pod holds are skipped, never waited for. */
    private static final String CLAIM_DUE = """
            SELECT c.id FROM after_sale_case c JOIN customer_order co ON co.id = c.order_id
            WHERE c.due_at <= $1 ORDER BY c.due_at LIMIT $2
            FOR UPDATE OF co SKIP LOCKED""";
    /** Completed merchant orders whose after-sales window ended, their orders locked (SKIP LOCKED). */
    private static final String CLAIM_WINDOW_ENDED = """
            SELECT mo.id FROM merchant_order mo JOIN customer_order co ON co.id = mo.order_id
            WHERE mo.status = 'COMPLETED' AND mo.after_sales_closes_at <= $1 ORDER BY mo.after_sales_closes_at LIMIT $2
            FOR UPDATE OF co SKIP LOCKED""";
    private static final String BY_STATUS = CASE + " WHERE c.status = $1 AND c.id < $2 ORDER BY c.id DESC LIMIT $3";
    private static final String EXCHANGE_SHIPPED = """
            UPDATE after_sale_case SET exchange_carrier = $2, exchange_tracking = $3, exchange_shipped_at = $4
            WHERE id = $1""";

    private static final UUID NEWEST = new UUID(-1L, -1L);

    public Uni<Boolean> lockOrderOfMerchantOrder(SqlConnection tx, UUID merchantOrderId) {
        return tx.preparedQuery(LOCK_ORDER_OF_MERCHANT_ORDER).execute(Tuple.of(merchantOrderId))
                .map(rows -> rows.size() > 0);
    }

    public Uni<Boolean> lockOrderOfCase(SqlConnection tx, UUID caseId) {
        return tx.preparedQuery(LOCK_ORDER_OF_CASE).execute(Tuple.of(caseId)).map(rows -> rows.size() > 0);
    }

    public Uni<Optional<MerchantOrderFacts>> merchantOrder(SqlClient client, UUID merchantOrderId) {
        return client.preparedQuery(MERCHANT_ORDER).execute(Tuple.of(merchantOrderId)).map(rows -> {
            if (rows.size() == 0) {
                return Optional.empty();
            }
            Row row = rows.iterator().next();
            return Optional.of(new MerchantOrderFacts(row.getUUID("id"), row.getUUID("order_id"),
                    row.getUUID("merchant_id"), row.getString("buyer_id"), OrderStatus.valueOf(row.getString("status")),
                    row.getLong("shipping_fee"), row.getString("currency"), "COD".equals(row.getString("payment_method")),
                    row.getValue("stock_settled_at") != null, instant(row, "shipped_at"), instant(row, "completed_at"),
                    instant(row, "after_sales_closes_at")));
        });
    }

    public Uni<List<LineFacts>> lines(SqlClient client, UUID merchantOrderId) {
        return client.preparedQuery(LINES).execute(Tuple.of(merchantOrderId)).map(rows -> {
            List<LineFacts> lines = new ArrayList<>();
            rows.forEach(row -> lines.add(new LineFacts(row.getUUID("id"), row.getUUID("sku_id"),
                    row.getInteger("quantity"), row.getLong("payable"), row.getInteger("refunded"),
                    row.getInteger("in_progress"), row.getBoolean("held"))));
            return lines;
        });
    }

    /**
     * Where {@code units} of each line go back: the warehouses the line was allocated from, in a fixed order, minus
     * what earlier cases already returned there.
     */
    public Uni<List<StockReturn>> allocateReturn(SqlClient client, Map<UUID, LineUnits> units) {
        UUID[] lineIds = units.keySet().toArray(UUID[]::new);
        return client.preparedQuery(RETURNED_PER_WAREHOUSE).execute(Tuple.of((Object) lineIds)).chain(returned -> {
            Map<String, Integer> already = new LinkedHashMap<>();
            returned.forEach(row -> already.put(row.getUUID("line_id") + "/" + row.getUUID("warehouse_id"),
                    row.getInteger("units")));
            return client.preparedQuery(ALLOCATIONS).execute(Tuple.of((Object) lineIds)).map(allocations -> {
                Map<UUID, Integer> left = new LinkedHashMap<>();
                units.forEach((line, wanted) -> left.put(line, wanted.quantity()));
                List<StockReturn> result = new ArrayList<>();
                for (Row row : allocations) {
                    UUID line = row.getUUID("line_id");
                    UUID warehouse = row.getUUID("warehouse_id");
                    int room = row.getInteger("quantity") - already.getOrDefault(line + "/" + warehouse, 0);
                    int take = Math.min(Math.max(room, 0), left.get(line));
                    if (take > 0) {
                        result.add(new StockReturn(line, units.get(line).skuId(), warehouse, take));
                        left.merge(line, -take, Integer::sum);
                    }
                }
                return result;
            });
        });
    }

    public Uni<Void> insertCase(SqlConnection tx, UUID id, MerchantOrderFacts mo, OpenCaseRequest request,
                                RefundAllocation.Quote quote, List<LineFacts> lines, Map<UUID, UUID> replacements,
                                Instant now) {
        Map<UUID, LineFacts> byId = new LinkedHashMap<>();
        lines.forEach(line -> byId.put(line.lineId(), line));
        int n = request.lines().size();
        UUID[] lineIds = new UUID[n];
        UUID[] skus = new UUID[n];
        Integer[] quantities = new Integer[n];
        Long[] refunds = new Long[n];
        UUID[] replacementSkus = new UUID[n];
        for (int i = 0; i < n; i++) {
            OpenCaseRequest.Line line = request.lines().get(i);
            lineIds[i] = line.lineId();
            skus[i] = byId.get(line.lineId()).skuId();
            quantities[i] = line.quantity();
            refunds[i] = request.type().refunds() ? quote.lineRefunds().get(line.lineId()) : 0L;
            replacementSkus[i] = replacements.get(line.lineId());
        }
        return tx.preparedQuery(INSERT_CASE).execute(Tuple.from(new Object[] {id, mo.orderId(), mo.id(),
                        mo.merchantId(), mo.buyerId(), request.type().name(), request.reasonCode().name(),
                        request.description(), new JsonArray(request.evidence()),
                        request.type().refunds() ? quote.goods() : 0L,
                        request.type().refunds() ? quote.shipping() : 0L, mo.currency(), !mo.shipped(), utc(now)}))
                .chain(() -> tx.preparedQuery(INSERT_LINES).execute(Tuple.of(id, lineIds, skus, quantities, refunds,
                        replacementSkus)))
                .replaceWithVoid();
    }

    public Uni<Void> recordTransition(SqlConnection tx, UUID caseId, String event, String from, AfterSaleStatus to,
                                      String actor, String reason, Instant at) {
        return tx.preparedQuery(INSERT_TRANSITION).execute(Tuple.from(new Object[] {Ids.newId(), caseId, event, from,
                to.name(), actor, reason, utc(at)})).replaceWithVoid();
    }

    /**
     * The guarded move: only from the status and version read; emits false when another actor moved the case
     * first. A case that stops being open frees its lines.
     */
    public Uni<Boolean> move(SqlConnection tx, CaseRow found, AfterSaleStatus to, String decisionReason,
                             boolean disputed, Instant now) {
        boolean ends = AfterSaleStateMachine.isTerminal(to);
        return tx.preparedQuery(MOVE).execute(Tuple.from(new Object[] {found.id(), found.status().name(), to.name(),
                        found.version(), utc(now), ends, decisionReason, disputed}))
                .chain(updated -> {
                    if (updated.rowCount() != 1) {
                        return Uni.createFrom().item(false);
                    }
                    if (found.status().isOpen() == to.isOpen()) {
                        return Uni.createFrom().item(true);
                    }
                    return tx.preparedQuery(SET_LINES_OPEN).execute(Tuple.of(found.id(), to.isOpen())).replaceWith(true);
                });
    }

    public Uni<Optional<CaseRow>> find(SqlClient client, UUID caseId) {
        return client.preparedQuery(BY_ID).execute(Tuple.of(caseId))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(toCase(rows.iterator().next())));
    }

    public Uni<List<CaseRow>> buyerCases(SqlClient client, String buyerId, AfterSaleStatus status, PageRequest page) {
        return client.preparedQuery(BY_BUYER).execute(Tuple.of(buyerId, status == null ? null : status.name(),
                page.after().orElse(NEWEST), page.fetchSize())).map(AfterSaleRepository::toCases);
    }

    public Uni<List<CaseRow>> merchantCases(SqlClient client, UUID merchantId, AfterSaleStatus status,
                                            PageRequest page) {
        return client.preparedQuery(BY_MERCHANT).execute(Tuple.of(merchantId, status == null ? null : status.name(),
                page.after().orElse(NEWEST), page.fetchSize())).map(AfterSaleRepository::toCases);
    }

    public Uni<Map<AfterSaleStatus, Long>> counts(SqlClient client, UUID merchantId) {
        return client.preparedQuery(COUNTS).execute(Tuple.of(merchantId)).map(rows -> {
            Map<AfterSaleStatus, Long> counts = new EnumMap<>(AfterSaleStatus.class);
            for (AfterSaleStatus status : AfterSaleStatus.values()) {
                counts.put(status, 0L);
            }
            rows.forEach(row -> counts.put(AfterSaleStatus.valueOf(row.getString("status")), row.getLong("cases")));
            return counts;
        });
    }

    public Uni<List<CaseHistoryView.Transition>> history(SqlClient client, UUID caseId) {
        return client.preparedQuery(HISTORY).execute(Tuple.of(caseId)).map(rows -> {
            List<CaseHistoryView.Transition> transitions = new ArrayList<>();
            rows.forEach(row -> transitions.add(new CaseHistoryView.Transition(row.getString("event"),
                    row.getString("from_status"), row.getString("to_status"), row.getString("actor"),
                    row.getString("reason"), row.getOffsetDateTime("at").toInstant())));
            return transitions;
        });
    }

    public Uni<Long> openCases(SqlClient client, UUID merchantOrderId) {
        return client.preparedQuery(OPEN_CASES_OF_MERCHANT_ORDER).execute(Tuple.of(merchantOrderId))
                .map(rows -> rows.iterator().next().getLong(0));
    }

    public Uni<Void> insertStockReturn(SqlConnection tx, UUID caseId, List<StockReturn> returns, Instant now) {
        if (returns.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return tx.preparedQuery(INSERT_STOCK_RETURN).execute(Tuple.of(caseId,
                        returns.stream().map(StockReturn::lineId).toArray(UUID[]::new),
                        returns.stream().map(StockReturn::skuId).toArray(UUID[]::new),
                        returns.stream().map(StockReturn::warehouseId).toArray(UUID[]::new),
                        returns.stream().map(StockReturn::quantity).toArray(Integer[]::new), utc(now)))
                .replaceWithVoid();
    }

    /** A case's returned units not yet applied in Redis, summed per SKU and warehouse. */
    public Uni<List<ReturnedStock.Units>> unappliedReturn(SqlClient client, UUID caseId) {
        return client.preparedQuery(STOCK_RETURN).execute(Tuple.of(caseId)).map(rows -> {
            List<ReturnedStock.Units> units = new ArrayList<>();
            rows.forEach(row -> units.add(new ReturnedStock.Units(row.getUUID("sku_id"), row.getUUID("warehouse_id"),
                    row.getInteger("quantity"), row.getBoolean("sold_in_bucket"))));
            return units;
        });
    }

    public Uni<Void> markReturnApplied(SqlClient client, UUID caseId, Instant now) {
        return client.preparedQuery(STOCK_RETURN_APPLIED).execute(Tuple.of(caseId, utc(now))).replaceWithVoid();
    }

    public Uni<List<UUID>> dueStockReturns(SqlClient client, Instant createdBefore, int limit) {
        return client.preparedQuery(DUE_STOCK_RETURNS).execute(Tuple.of(utc(createdBefore), limit)).map(rows -> {
            List<UUID> ids = new ArrayList<>();
            rows.forEach(row -> ids.add(row.getUUID("case_id")));
            return ids;
        });
    }

    /** Whether the case's order had its own Redis step run (its units count as sold there). */
    public Uni<Boolean> orderStockSettled(SqlClient client, UUID caseId) {
        return client.preparedQuery(ORDER_STOCK_SETTLED).execute(Tuple.of(caseId))
                .map(rows -> rows.size() > 0 && Boolean.TRUE.equals(rows.iterator().next().getBoolean(0)));
    }

    public Uni<Void> insertRefund(SqlConnection tx, CaseRow found, boolean offline, Instant now) {
        return tx.preparedQuery(INSERT_REFUND).execute(Tuple.from(new Object[] {Ids.newId(), found.id(),
                found.orderId(), found.merchantId(), Math.addExact(found.goodsRefund(), found.shippingRefund()),
                found.currency(), offline ? "OFFLINE" : "ONLINE", utc(now)})).replaceWithVoid();
    }

    public Uni<List<UUID>> claimDue(SqlConnection tx, Instant now, int limit) {
        return tx.preparedQuery(CLAIM_DUE).execute(Tuple.of(utc(now), limit)).map(AfterSaleRepository::ids);
    }

    public Uni<List<UUID>> claimWindowEnded(SqlConnection tx, Instant now, int limit) {
        return tx.preparedQuery(CLAIM_WINDOW_ENDED).execute(Tuple.of(utc(now), limit)).map(AfterSaleRepository::ids);
    }

    /** Every case in one status (disputes for admins), newest first. */
    public Uni<List<CaseRow>> casesIn(SqlClient client, AfterSaleStatus status, PageRequest page) {
        return client.preparedQuery(BY_STATUS).execute(Tuple.of(status.name(), page.after().orElse(NEWEST),
                page.fetchSize())).map(AfterSaleRepository::toCases);
    }

    public Uni<Void> exchangeShipped(SqlConnection tx, UUID caseId, String carrier, String tracking, Instant at) {
        return tx.preparedQuery(EXCHANGE_SHIPPED).execute(Tuple.of(caseId, carrier, tracking, utc(at)))
                .replaceWithVoid();
    }

    private static List<UUID> ids(RowSet<Row> rows) {
        List<UUID> ids = new ArrayList<>();
        rows.forEach(row -> ids.add(row.getUUID(0)));
        return ids;
    }

    public Uni<Void> setDue(SqlConnection tx, UUID caseId, Instant dueAt) {
        return tx.preparedQuery(SET_DUE).execute(Tuple.of(caseId, dueAt == null ? null : utc(dueAt)))
                .replaceWithVoid();
    }

    /** Emits false when the buyer had given the return's tracking before. */
    public Uni<Boolean> returnShipped(SqlConnection tx, UUID caseId, String carrier, String tracking, Instant at) {
        return tx.preparedQuery(RETURN_SHIPPED).execute(Tuple.of(caseId, carrier, tracking, utc(at)))
                .map(rows -> rows.rowCount() == 1);
    }

    /** The goods arrived (into {@code warehouseId}, null: where they came from) and each line was inspected. */
    public Uni<Void> received(SqlConnection tx, UUID caseId, UUID warehouseId, Map<UUID, int[]> inspection,
                              Instant at) {
        UUID[] lines = inspection.keySet().toArray(UUID[]::new);
        Integer[] restocked = new Integer[lines.length];
        Integer[] writtenOff = new Integer[lines.length];
        for (int i = 0; i < lines.length; i++) {
            restocked[i] = inspection.get(lines[i])[0];
            writtenOff[i] = inspection.get(lines[i])[1];
        }
        return tx.preparedQuery(RECEIVED).execute(Tuple.of(caseId, utc(at), warehouseId))
                .chain(() -> tx.preparedQuery(INSPECTED).execute(Tuple.of(caseId, lines, restocked, writtenOff)))
                .replaceWithVoid();
    }

    /** Units of a line a case covers, with the line's SKU. */
    public record LineUnits(UUID skuId, int quantity) {
    }

    /** Units of a line going back into one warehouse. */
    public record StockReturn(UUID lineId, UUID skuId, UUID warehouseId, int quantity) {
    }

    private static List<CaseRow> toCases(RowSet<Row> rows) {
        List<CaseRow> cases = new ArrayList<>();
        rows.forEach(row -> cases.add(toCase(row)));
        return cases;
    }

    private static CaseRow toCase(Row row) {
        List<CaseView.LineView> lines = new ArrayList<>();
        String linesJson = row.getString("lines_json");
        if (linesJson != null) {
            new JsonArray(linesJson).forEach(item -> {
                io.vertx.core.json.JsonObject line = (io.vertx.core.json.JsonObject) item;
                lines.add(new CaseView.LineView(UUID.fromString(line.getString("lineId")),
                        UUID.fromString(line.getString("skuId")), line.getInteger("quantity"),
                        line.getLong("refundAmount"), line.getInteger("restocked"), line.getInteger("writtenOff"),
                        line.getString("replacementSkuId") == null ? null
                                : UUID.fromString(line.getString("replacementSkuId"))));
            });
        }
        List<String> evidence = new ArrayList<>();
        Object urls = row.getValue("evidence_urls");
        if (urls instanceof JsonArray array) {
            array.forEach(url -> evidence.add(url.toString()));
        }
        return new CaseRow(row.getUUID("id"), row.getUUID("order_id"), row.getUUID("merchant_order_id"),
                row.getUUID("merchant_id"), row.getString("buyer_id"), AfterSaleType.valueOf(row.getString("type")),
                AfterSaleStatus.valueOf(row.getString("status")), ReasonCode.valueOf(row.getString("reason_code")),
                row.getString("description"), List.copyOf(evidence), List.copyOf(lines), row.getLong("goods_refund"),
                row.getLong("shipping_refund"), row.getString("currency"), row.getBoolean("before_shipment"),
                row.getBoolean("disputed"), row.getString("decision_reason"), row.getString("return_carrier"),
                row.getString("return_tracking"), instant(row, "return_shipped_at"), instant(row, "received_at"),
                row.getString("exchange_carrier"), row.getString("exchange_tracking"),
                instant(row, "exchange_shipped_at"), instant(row, "due_at"),
                refund(row), row.getLong("version"),
                instant(row, "created_at"), instant(row, "updated_at"), instant(row, "ended_at"));
    }

    private static CaseView.RefundView refund(Row row) {
        if (row.getUUID("refund_id") == null) {
            return null;
        }
        return new CaseView.RefundView(row.getUUID("refund_id"), row.getLong("refund_amount"), row.getString("currency"),
                row.getString("refund_method"), row.getString("refund_status"), row.getInteger("refund_attempts"),
                row.getString("refund_last_error"), instant(row, "refund_next_attempt_at"),
                row.getString("provider_refund_id"), row.getString("offline_reference"),
                instant(row, "refund_succeeded_at"));
    }

    private static Instant instant(Row row, String column) {
        OffsetDateTime value = row.getOffsetDateTime(column);
        return value == null ? null : value.toInstant();
    }

    private static OffsetDateTime utc(Instant at) {
        return at.atOffset(ZoneOffset.UTC);
    }
}
