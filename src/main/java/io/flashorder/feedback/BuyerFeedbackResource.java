package io.flashorder.feedback;

import io.flashorder.platform.Responses;
import io.flashorder.security.CurrentUser;
import io.flashorder.security.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestResponse;

import java.util.UUID;

/** A buyer rates its own completed merchant order once; another buyer's merchant order answers 404. */
@Tag(name = "Feedback", description = "Ratings of completed merchant orders, replies and rating summaries")
@Path("/api/v1/orders/{orderId}/merchant-orders/{merchantOrderId}/feedback")
@RolesAllowed(Roles.CUSTOMER)
public class BuyerFeedbackResource {

    private final FeedbackService feedback;
    private final CurrentUser user;

    public BuyerFeedbackResource(FeedbackService feedback, CurrentUser user) {
        this.feedback = feedback;
        this.user = user;
    }

    @POST
    @APIResponse(responseCode = "201", description = "Rated",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = FeedbackView.class)))
    @APIResponse(responseCode = "409", description = "Rated already (feedback-already-given), not completed yet "
            + "(feedback-not-open), or after the feedback window (feedback-window-closed)")
    @Operation(summary = "Rate an own completed merchant order (once)")
    public Uni<RestResponse<FeedbackView>> rate(@RestPath UUID orderId, @RestPath UUID merchantOrderId,
                                                @Valid @NotNull FeedbackRequest request, @Context UriInfo uri) {
        return feedback.submit(user.userId(), orderId, merchantOrderId, request)
                .map(view -> Responses.created(uri, view));
    }

    @GET
    @Operation(summary = "Read the own rating of a merchant order, with the merchant's reply")
    public Uni<FeedbackView> get(@RestPath UUID orderId, @RestPath UUID merchantOrderId) {
        return feedback.ofBuyer(user.userId(), orderId, merchantOrderId);
    }
}
