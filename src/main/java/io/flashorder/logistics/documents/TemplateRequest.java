package io.flashorder.logistics.documents;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.util.List;

/** A waybill template: its fields in print order (each once), its paper, whether it is the merchant's default. */
public record TemplateRequest(@NotBlank @Size(max = 100) String name, @NotNull PaperSize paperSize,
                              @NotNull @Size(min = 1, max = 13) List<@NotNull WaybillField> fields,
                              @NotNull Boolean isDefault) {
}
