package io.flashorder.review;

import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** An operator's decision: why (required to reject). */
public record ReviewDecisionRequest(@Schema(nullable = true) @Size(max = 500) String reason) {
}
