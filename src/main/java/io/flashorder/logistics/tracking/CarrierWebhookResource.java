package io.flashorder.logistics.tracking;

import io.flashorder.logistics.carrier.SandboxCarrier;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;

/**
 * Carrier tracking callbacks. No bearer token: the signature over the raw body is the authentication, so the body
 * is read as bytes, exactly as signed, and parsed only after it is verified.
 */
@Tag(name = "Carrier webhooks", description = "Signed tracking callbacks from carriers")
@Path("/api/v1/webhooks/carriers/{carrier}")
@PermitAll
public class CarrierWebhookResource {

    private final TrackingService tracking;

    public CarrierWebhookResource(TrackingService tracking) {
        this.tracking = tracking;
    }

    @Operation(summary = "Receive a signed tracking event from a carrier")
    @POST
    @Consumes(MediaType.WILDCARD)
    @RequestBody(description = "The carrier's signed tracking event (the sandbox's shown), read once verified",
            content = @Content(mediaType = MediaType.WILDCARD,
                    schema = @Schema(implementation = SandboxCarrier.SandboxTrackingEvent.class)))
    @APIResponse(responseCode = "400", description = "The verified body is not a tracking event (webhook-malformed)")
    @APIResponse(responseCode = "401", description = "Signature missing, wrong, stale or from the future")
    @APIResponse(responseCode = "409",
            description = "This very signed callback was received before (webhook-replayed), or the parcel is not "
                    + "handed over yet (parcel-not-shipped)")
    @APIResponse(responseCode = "422", description = "No parcel of this carrier has the tracking number")
    @APIResponseSchema(value = CallbackResult.class, responseCode = "200",
            responseDescription = "Applied, kept without moving the parcel (older), or a duplicate")
    public Uni<CallbackResult> callback(@RestPath String carrier, @Context HttpHeaders headers, byte[] body) {
        return tracking.handle(carrier, headers::getHeaderString, body == null ? new byte[0] : body);
    }
}
