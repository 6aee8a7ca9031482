package io.flashorder.aftersale;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A case's transitions, oldest first: event, from, to, who (buyer:, merchant:, admin:, system:) and why. */
public record CaseHistoryView(UUID caseId, AfterSaleStatus status, List<Transition> transitions) {

    public record Transition(String event, String from, String to, String actor,
                             @Schema(nullable = true) String reason, Instant at) {
    }
}
