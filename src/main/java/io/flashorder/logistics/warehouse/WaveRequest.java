package io.flashorder.logistics.warehouse;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.util.List;
import java.util.UUID;

/** A pick wave over parcels awaiting pick in one warehouse (at most flashorder.logistics.max-wave-size). */
public record WaveRequest(@NotNull UUID warehouseId, @NotNull @Size(min = 1, max = 500) List<@NotNull UUID> parcelIds) {
}
