package io.flashorder.logistics.warehouse;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.util.List;
import java.util.UUID;

/** Parcels to merge into one (合并发货): the oldest keeps the lines of all. */
public record MergeRequest(@NotNull @Size(min = 2, max = 50) List<@NotNull UUID> parcelIds) {
}
