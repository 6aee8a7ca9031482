package io.flashorder.aftersale.returns;

import io.flashorder.aftersale.AfterSaleEvent;
import io.flashorder.aftersale.AfterSaleRepository;
import io.flashorder.aftersale.CaseActions;
import io.flashorder.aftersale.CaseRow;
import io.flashorder.aftersale.CaseTransitions;
import io.flashorder.aftersale.CaseView;
import io.flashorder.catalog.warehouse.WarehouseService;
import io.flashorder.events.EventType;
import io.flashorder.fulfilment.ShipRequest;
import io.flashorder.order.lifecycle.OrderTransitions.Actor;
import io.flashorder.platform.MerchantScope;
import io.flashorder.platform.error.ApiException;
import io.flashorder.platform.error.FieldViolation;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Goods coming back: the buyer gives the carrier and tracking of the parcel it sent; the merchant receives it and
 * inspects each line (restock or write off). Restocked units go back into available stock (PostgreSQL record in the
 * transaction, the idempotent Redis script after the commit).
 */
@ApplicationScoped
public class AfterSaleReturns {

    private final AfterSaleRepository repository;
    private final CaseTransitions moves;
    private final CaseActions actions;
    private final WarehouseService warehouses;

    public AfterSaleReturns(AfterSaleRepository repository, CaseTransitions moves, CaseActions actions,
                            WarehouseService warehouses) {
        this.repository = repository;
        this.moves = moves;
        this.actions = actions;
        this.warehouses = warehouses;
    }

    /** The buyer shipped the goods back (once); the case keeps waiting for them. */
    public Uni<CaseView> shipBack(String buyerId, UUID caseId, ShipRequest request) {
        Actor actor = Actor.buyer(buyerId);
        String carrier = request.carrier().strip();
        String tracking = request.trackingNumber().strip();
        String reason = "shipped back with " + carrier + " (" + tracking + ")";
        return actions.act(caseId, found -> found.buyerId().equals(buyerId), (tx, found, now) -> {
            if (found.returnShippedAt() != null) {
                throw ApiException.conflict("return-already-shipped", "The return's tracking was given already");
            }
            return moves.transition(tx, found, AfterSaleEvent.SHIP_RETURN, actor, reason, null, now)
                    .call(() -> repository.returnShipped(tx, caseId, carrier, tracking, now))
                    .call(to -> moves.event(tx, EventType.AFTER_SALE_RETURN_SHIPPED, found, to,
                            AfterSaleEvent.SHIP_RETURN, actor, reason, now));
        });
    }

    /** The merchant ships the exchange's replacement (after receiving and inspecting the goods sent back). */
    public Uni<CaseView> shipExchange(UUID merchantId, UUID caseId, ShipRequest request) {
        Actor actor = Actor.merchant(merchantId);
        String carrier = request.carrier().strip();
        String tracking = request.trackingNumber().strip();
        String reason = "replacement handed to " + carrier + " (" + tracking + ")";
        return actions.act(caseId, found -> found.merchantId().equals(merchantId), (tx, found, now) ->
                moves.transition(tx, found, AfterSaleEvent.SHIP_EXCHANGE, actor, reason, null, now)
                        .call(() -> repository.exchangeShipped(tx, caseId, carrier, tracking, now))
                        .call(to -> moves.event(tx, EventType.AFTER_SALE_EXCHANGE_SHIPPED, found, to,
                                AfterSaleEvent.SHIP_EXCHANGE, actor, reason, now)));
    }

    /** The merchant received the goods and inspected each line of the case. */
    public Uni<CaseView> receive(UUID merchantId, UUID caseId, ReceiptRequest request) {
        Actor actor = Actor.merchant(merchantId);
        Uni<Void> warehouseIsTheirs = request.warehouseId() == null ? Uni.createFrom().voidItem()
                : warehouses.get(MerchantScope.merchant(merchantId), request.warehouseId()).replaceWithVoid();
        return warehouseIsTheirs.chain(() -> actions.act(caseId, found -> found.merchantId().equals(merchantId),
                (tx, found, now) -> {
                    Map<UUID, int[]> inspection = inspection(found, request);
                    int restocked = inspection.values().stream().mapToInt(units -> units[0]).sum();
                    String reason = "received: " + restocked + " unit(s) restocked, "
                            + inspection.values().stream().mapToInt(units -> units[1]).sum() + " written off";
                    return moves.transition(tx, found, AfterSaleEvent.RECEIVE_RETURN, actor, reason, null, now)
                            .call(() -> repository.received(tx, caseId, request.warehouseId(), inspection, now))
                            .call(() -> restock(tx, found, request.warehouseId(), inspection, now))
                            .call(to -> moves.event(tx, EventType.AFTER_SALE_RETURN_RECEIVED, found, to,
                                    AfterSaleEvent.RECEIVE_RETURN, actor, reason, now));
                }));
    }

    private Uni<Void> restock(SqlConnection tx, CaseRow found, UUID warehouseId, Map<UUID, int[]> inspection,
                              Instant now) {
        Map<UUID, AfterSaleRepository.LineUnits> units = new LinkedHashMap<>();
        found.lines().forEach(line -> {
            int restock = inspection.get(line.lineId())[0];
            if (restock > 0) {
                units.put(line.lineId(), new AfterSaleRepository.LineUnits(line.skuId(), restock));
            }
        });
        if (units.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        if (warehouseId != null) {
            List<AfterSaleRepository.StockReturn> returns = new ArrayList<>();
            units.forEach((line, unit) -> returns.add(new AfterSaleRepository.StockReturn(line, unit.skuId(),
                    warehouseId, unit.quantity())));
            return repository.insertStockReturn(tx, found.id(), returns, now);
        }
        return repository.allocateReturn(tx, units)
                .chain(returns -> repository.insertStockReturn(tx, found.id(), returns, now));
    }

    /** Every line of the case exactly once, restocked + written off = its quantity: else a 400 naming the line. */
    private static Map<UUID, int[]> inspection(CaseRow found, ReceiptRequest request) {
        Map<UUID, Integer> quantities = new HashMap<>();
        found.lines().forEach(line -> quantities.put(line.lineId(), line.quantity()));
        Map<UUID, int[]> inspection = new LinkedHashMap<>();
        List<FieldViolation> violations = new ArrayList<>();
        for (int i = 0; i < request.lines().size(); i++) {
            ReceiptRequest.Inspection line = request.lines().get(i);
            Integer quantity = quantities.get(line.lineId());
            if (quantity == null) {
                violations.add(new FieldViolation("lines[" + i + "].lineId", "is not a line of this case"));
            } else if (inspection.containsKey(line.lineId())) {
                violations.add(new FieldViolation("lines[" + i + "].lineId", "names a line already listed"));
            } else if (line.restock() + line.writeOff() != quantity) {
                violations.add(new FieldViolation("lines[" + i + "]", "restock + writeOff must be the case's "
                        + quantity + " unit(s)"));
            } else {
                inspection.put(line.lineId(), new int[] {line.restock(), line.writeOff()});
            }
        }
        quantities.keySet().stream().filter(line -> !inspection.containsKey(line)).findFirst()
                .filter(missing -> violations.isEmpty())
                .ifPresent(missing -> violations.add(new FieldViolation("lines", "line " + missing
                        + " of the case is not inspected")));
        if (!violations.isEmpty()) {
            throw ApiException.invalid("The inspection has " + violations.size() + " invalid field(s)", violations);
        }
        return inspection;
    }
}
