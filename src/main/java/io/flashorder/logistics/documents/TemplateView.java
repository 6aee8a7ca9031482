package io.flashorder.logistics.documents;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

public record TemplateView(UUID id, String name, PaperSize paperSize, List<WaybillField> fields, boolean isDefault,
                           Instant createdAt) {

    /** Used when the merchant has no template. */
    static final TemplateView STANDARD = new TemplateView(null, "standard", PaperSize.A6,
            List.of(WaybillField.CARRIER, WaybillField.TRACKING_NUMBER, WaybillField.RECIPIENT, WaybillField.PHONE,
                    WaybillField.ADDRESS, WaybillField.REGION, WaybillField.WEIGHT, WaybillField.COD,
                    WaybillField.ORDER_ID), true, Instant.EPOCH);
}
