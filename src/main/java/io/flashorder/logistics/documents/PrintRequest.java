package io.flashorder.logistics.documents;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.util.List;
import java.util.UUID;

/** Print one kind of document for up to 500 parcels; a waybill uses {@code templateId} or the default template. */
public record PrintRequest(@NotNull DocumentKind kind,
                           @NotNull @Size(min = 1, max = 500) List<@NotNull UUID> parcelIds,
                           UUID templateId) {
}
