package io.flashorder.fulfilment;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;
import java.util.UUID;

/** Per item of a batch: shipped (with its shipment) or refused (with the problem's code and detail). */
public record BatchShipResult(int shipped, int refused, List<ItemResult> results) {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ItemResult(int index, @Schema(nullable = true) UUID merchantOrderId, Outcome outcome,
                             @Schema(nullable = true) ShipmentView shipment, @Schema(nullable = true) String code,
                             @Schema(nullable = true) String detail) {

        static ItemResult shipped(int index, ShipmentView shipment) {
            return new ItemResult(index, shipment.merchantOrderId(), Outcome.SHIPPED, shipment, null, null);
        }

        static ItemResult refused(int index, UUID merchantOrderId, String code, String detail) {
            return new ItemResult(index, merchantOrderId, Outcome.REFUSED, null, code, detail);
        }
    }

    public enum Outcome { SHIPPED, REFUSED }

    static BatchShipResult of(List<ItemResult> results) {
        int shipped = (int) results.stream().filter(r -> r.outcome() == Outcome.SHIPPED).count();
        return new BatchShipResult(shipped, results.size() - shipped, results);
    }
}
