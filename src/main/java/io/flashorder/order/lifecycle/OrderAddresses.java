package io.flashorder.order.lifecycle;

import io.flashorder.order.OrderStatus;
import io.flashorder.order.PlacedOrder;
import io.flashorder.order.lifecycle.OrderTransitions.Actor;
import io.flashorder.platform.error.ApiException;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * An order's delivery address after placement: read under the order's row lock for its own buyer, and replaced
 * (already encrypted) with one entry per merchant order in the order's history. Who may change it, and when, is
 * the caller's rule (logistics: until packing).
 */
@ApplicationScoped
public class OrderAddresses {

    private static final String LOCK = """
            SELECT id, status, currency, recipient_encrypted, phone_encrypted, region_code, detail_encrypted
            FROM customer_order WHERE id = $1 AND buyer_id = $2 FOR UPDATE""";
    private static final String PARTS = """
            SELECT mo.id, mo.merchant_id, mo.status, mo.shipping_fee, mo.payable, l.sku_id, l.quantity
            FROM merchant_order mo JOIN order_line l ON l.merchant_order_id = mo.id
            WHERE mo.order_id = $1 ORDER BY mo.id, l.id""";
    private static final String UPDATE = """
            UPDATE customer_order SET recipient_encrypted = $2, phone_encrypted = $3, region_code = $4,
                detail_encrypted = $5, version = version + 1, updated_at = $6
            WHERE id = $1""";

    private final OrderTransitions transitions;

    public OrderAddresses(OrderTransitions transitions) {
        this.transitions = transitions;
    }

    /** The buyer's own order with its address and merchant orders, locked; another's or an unknown one is 404. */
    public Uni<AddressedOrder> lockOwn(SqlConnection tx, String buyerId, UUID orderId) {
        return tx.preparedQuery(LOCK).execute(Tuple.of(orderId, buyerId)).chain(rows -> {
            if (rows.size() == 0) {
                return Uni.createFrom().failure(ApiException.notFound("order", orderId));
            }
            Row order = rows.iterator().next();
            return tx.preparedQuery(PARTS).execute(Tuple.of(orderId)).map(lines -> {
                Map<UUID, Part> parts = new LinkedHashMap<>();
                for (Row line : lines) {
                    Part part = parts.computeIfAbsent(line.getUUID("id"), id -> new Part(id,
                            line.getUUID("merchant_id"), OrderStatus.valueOf(line.getString("status")),
                            line.getLong("shipping_fee"), line.getLong("payable"), new LinkedHashMap<>()));
                    part.units().merge(line.getUUID("sku_id"), (long) line.getInteger("quantity"), Long::sum);
                }
                return new AddressedOrder(orderId, OrderStatus.valueOf(order.getString("status")),
                        order.getString("currency"), new PlacedOrder.Address(order.getString("recipient_encrypted"),
                        order.getString("phone_encrypted"), order.getString("region_code"),
                        order.getString("detail_encrypted")), new ArrayList<>(parts.values()));
            });
        });
    }

    /** Replaces the locked order's address; {@code history} says, per merchant order, what the change meant. */
    public Uni<Void> replace(SqlConnection tx, AddressedOrder order, PlacedOrder.Address address, Actor actor,
                             Map<UUID, String> history, Instant at) {
        return tx.preparedQuery(UPDATE).execute(Tuple.from(new Object[] {order.id(), address.recipientEncrypted(),
                        address.phoneEncrypted(), address.regionCode(), address.detailEncrypted(),
                        at.atOffset(ZoneOffset.UTC)}))
                .chain(() -> Multi.createFrom().iterable(order.merchantOrders())
                        .filter(part -> history.containsKey(part.id()))
                        .onItem().transformToUniAndConcatenate(part -> transitions.recordUnchanged(tx, order.id(),
                                part.id(), part.status(), actor, history.get(part.id()), at))
                        .collect().last())
                .replaceWithVoid();
    }

    /** An order as an address change sees it (address encrypted). */
    public record AddressedOrder(UUID id, OrderStatus status, String currency, PlacedOrder.Address address,
                                 List<Part> merchantOrders) {
    }

    /** A merchant order: what its buyer paid for shipping and in all, and its units per SKU. */
    public record Part(UUID id, UUID merchantId, OrderStatus status, long shippingFee, long payable,
                       Map<UUID, Long> units) {
    }
}
