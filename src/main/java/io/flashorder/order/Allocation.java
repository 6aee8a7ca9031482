package io.flashorder.order;

import java.util.UUID;

/** Units of one SKU the reservation took from one warehouse (a line may be split over several). */
public record Allocation(UUID sku, UUID warehouse, int quantity) {
}
