package io.flashorder.logistics.warehouse;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;
import java.util.UUID;

/** A picked wave: each parcel moved to PACKING, or held in PICKING because its address failed the re-check. */
public record WavePickedView(UUID waveId, int packing, int held, List<Result> results) {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Result(UUID parcelId, Outcome outcome, @Schema(nullable = true) String problem) {
    }

    public enum Outcome { PACKING, ADDRESS_PROBLEM }
}
