package io.flashorder.feedback;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A rating as buyer and merchant see it; comment and reply are masked of personal data. */
public record FeedbackView(UUID id, UUID orderId, UUID merchantOrderId, UUID merchantId, List<UUID> skuIds,
                           int goods, int service, int delivery, List<FeedbackTag> tags,
                           @Schema(nullable = true) String comment, @Schema(nullable = true) String reply,
                           @Schema(nullable = true) Instant repliedAt, Instant createdAt) {
}
