package io.flashorder.feedback;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/** A buyer's rating of one completed merchant order: 1–5 stars for goods, service and delivery. */
public record FeedbackRequest(
        @NotNull @Min(1) @Max(5) Integer goods,
        @NotNull @Min(1) @Max(5) Integer service,
        @NotNull @Min(1) @Max(5) Integer delivery,
        @Schema(nullable = true, description = "Up to 5 distinct tags")
        @Size(max = 5) List<@NotNull FeedbackTag> tags,
        @Schema(nullable = true, description = "Stored and shown with phone numbers, e-mails and ID numbers masked")
        @Size(max = 500) String comment) {

    public List<FeedbackTag> tagList() {
        return tags == null ? List.of() : tags;
    }
}
