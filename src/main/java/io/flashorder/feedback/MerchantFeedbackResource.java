package io.flashorder.feedback;

import io.flashorder.platform.MerchantScope;
import io.flashorder.platform.page.Page;
import io.flashorder.platform.page.PageRequest;
import io.flashorder.security.CurrentUser;
import io.flashorder.security.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;

import java.util.UUID;

/** A merchant's ratings, its one reply to each, and its summaries; another merchant's answer 404. */
@Tag(name = "Feedback")
@Path("/api/v1/merchant/feedback")
@RolesAllowed(Roles.MERCHANT)
public class MerchantFeedbackResource {

    private final FeedbackService feedback;
    private final CurrentUser user;

    public MerchantFeedbackResource(FeedbackService feedback, CurrentUser user) {
        this.feedback = feedback;
        this.user = user;
    }

    /** Newest first (keyset: pass nextCursor back as cursor). */
    @GET
    @Operation(summary = "List own ratings")
    public Uni<Page<FeedbackView>> list(@QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        return feedback.ofMerchant(user.merchantId(), PageRequest.parse(limit, cursor));
    }

    @GET
    @Path("{feedbackId}")
    @Operation(summary = "Read an own rating")
    public Uni<FeedbackView> get(@RestPath UUID feedbackId) {
        return feedback.ofMerchant(user.merchantId(), feedbackId);
    }

    @POST
    @Path("{feedbackId}/reply")
    @APIResponse(responseCode = "409", description = "The rating has a reply already (reply-already-given)")
    @Operation(summary = "Reply to an own rating (once)")
    public Uni<FeedbackView> reply(@RestPath UUID feedbackId, @Valid @NotNull ReplyRequest request) {
        return feedback.reply(user.merchantId(), feedbackId, request);
    }

    @GET
    @Path("summary")
    @Operation(summary = "Own rating summary: count, averages, star distribution, tags")
    public Uni<RatingSummary> summary() {
        return feedback.merchantSummary(user.merchantId());
    }

    @GET
    @Path("skus/{skuId}/summary")
    @Operation(summary = "Rating summary of an own SKU")
    public Uni<RatingSummary> skuSummary(@RestPath UUID skuId) {
        return feedback.skuSummary(MerchantScope.merchant(user.merchantId()), skuId);
    }
}
