package io.flashorder.catalog.stockload;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;

import java.util.UUID;

/** Adds units of a SKU to one of its merchant's warehouses. */
public record StockLoadRequest(
        @NotNull UUID warehouseId,
        @NotNull @Positive @Max(10_000_000) Integer quantity) {
}
