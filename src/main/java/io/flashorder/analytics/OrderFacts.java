package io.flashorder.analytics;

import com.fasterxml.jackson.databind.JsonNode;
import io.flashorder.platform.json.IsoInstants;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Reads the events analytics counts from the order stream; every other event says nothing to it (empty). */
public final class OrderFacts {

    private OrderFacts() {
    }

    /**
     * @param type       the event type ({@code events.EventType} name)
     * @param occurredAt when the change committed, used where the payload names no moment of its own
     */
    public static Optional<OrderFact> read(String type, JsonNode payload, Instant occurredAt) {
        return Optional.<OrderFact>ofNullable(switch (type) {
            case "ORDER_PLACED" -> new OrderFact.Placed(uuid(payload, "merchantOrderId"), uuid(payload, "merchantId"),
                    uuid(payload, "orderId"), uuid(payload, "campaignId"), payload.path("currency").asText(),
                    payload.path("payable").asLong(), firstWarehouse(payload), units(payload.path("lines")),
                    instant(payload, "placedAt", occurredAt), payload.path("merchantOrders").asInt(0) == 1);
            case "ORDER_PAID" -> new OrderFact.Paid(uuid(payload, "merchantOrderId"), uuid(payload, "merchantId"),
                    instant(payload, "at", occurredAt));
            case "ORDER_CANCELLED" -> new OrderFact.Cancelled(uuid(payload, "merchantOrderId"),
                    uuid(payload, "merchantId"), cancelReason(payload.path("by").asText("")),
                    instant(payload, "at", occurredAt));
            case "ORDER_SHIPPED" -> new OrderFact.Shipped(uuid(payload, "merchantOrderId"),
                    uuid(payload, "merchantId"), payload.path("carrier").asText(""),
                    instant(payload, "shippedAt", occurredAt));
            case "SHIPMENT_DELIVERED" -> new OrderFact.Delivered(uuid(payload, "merchantOrderId"),
                    uuid(payload, "merchantId"), instant(payload, "at", occurredAt));
            case "ORDER_COMPLETED" -> new OrderFact.Completed(uuid(payload, "merchantOrderId"),
                    uuid(payload, "merchantId"), instant(payload, "completedAt", occurredAt));
            case "AFTER_SALE_REQUESTED" -> new OrderFact.CaseOpened(uuid(payload, "caseId"),
                    uuid(payload, "merchantOrderId"), uuid(payload, "merchantId"),
                    payload.path("reasonCode").asText("OTHER"), units(payload.path("lines")),
                    instant(payload, "at", occurredAt));
            case "AFTER_SALE_SUCCEEDED", "AFTER_SALE_CLOSED" -> new OrderFact.CaseEnded(uuid(payload, "caseId"),
                    uuid(payload, "merchantId"), instant(payload, "at", occurredAt));
            default -> null;
        }).filter(OrderFacts::complete);
    }

    /** A bounded category for who cancelled: {@code buyer}, or the system job (payment-deadline, order-writer...). */
    static String cancelReason(String by) {
        int colon = by.indexOf(':');
        String kind = colon < 0 ? by : by.substring(0, colon);
        if (kind.equals("system") && colon + 1 < by.length()) {
            String job = by.substring(colon + 1);
            return job.length() <= 64 ? job : job.substring(0, 64);
        }
        return kind.isEmpty() ? "unknown" : kind;
    }

    /** An event without the ids it must carry (an older payload) is not counted. */
    private static boolean complete(OrderFact fact) {
        return switch (fact) {
            case OrderFact.OfMerchantOrder order -> order.merchantOrderId() != null && order.merchantId() != null;
            case OrderFact.CaseOpened opened -> opened.caseId() != null && opened.merchantId() != null;
            case OrderFact.CaseEnded ended -> ended.caseId() != null && ended.merchantId() != null;
        };
    }

    private static UUID firstWarehouse(JsonNode payload) {
        JsonNode warehouses = payload.path("warehouseIds");
        return warehouses.isArray() && !warehouses.isEmpty() ? parse(warehouses.get(0).asText()) : null;
    }

    private static List<OrderFact.SkuUnits> units(JsonNode lines) {
        List<OrderFact.SkuUnits> units = new ArrayList<>();
        if (lines.isArray()) {
            for (JsonNode line : lines) {
                UUID sku = uuid(line, "skuId");
                if (sku != null && line.path("quantity").asInt() > 0) {
                    units.add(new OrderFact.SkuUnits(sku, line.path("quantity").asInt()));
                }
            }
        }
        return List.copyOf(units);
    }

    private static UUID uuid(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isTextual() ? parse(value.asText()) : null;
    }

    private static UUID parse(String text) {
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static Instant instant(JsonNode node, String field, Instant otherwise) {
        JsonNode value = node.path(field);
        if (value.isTextual()) {
            try {
                return IsoInstants.parse(value.asText());
            } catch (java.time.format.DateTimeParseException e) {
                return otherwise;
            }
        }
        return otherwise;
    }
}
