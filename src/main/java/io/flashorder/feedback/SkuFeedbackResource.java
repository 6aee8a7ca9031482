package io.flashorder.feedback;

import io.flashorder.platform.MerchantScope;
import io.flashorder.security.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;

import java.util.UUID;

/** What shoppers and operators see of a SKU's ratings: the summary, never single ratings or who gave them. */
@Tag(name = "Feedback")
@Path("/api/v1/skus/{skuId}/feedback-summary")
@RolesAllowed({Roles.CUSTOMER, Roles.ADMIN})
public class SkuFeedbackResource {

    private final FeedbackService feedback;

    public SkuFeedbackResource(FeedbackService feedback) {
        this.feedback = feedback;
    }

    @GET
    @Operation(summary = "A SKU's rating summary: count, averages, star distribution, tags")
    public Uni<RatingSummary> summary(@RestPath UUID skuId) {
        return feedback.skuSummary(MerchantScope.admin(), skuId);
    }
}
