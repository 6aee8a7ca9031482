package io.flashorder.payment;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;

/**
 * Provider callbacks. No bearer token: the signature over the raw body is the authentication, so the body is read
 * as bytes, exactly as signed, and parsed only after it is verified.
 */
@Tag(name = "Webhooks", description = "Signed callbacks from payment providers")
@Path("/api/v1/webhooks/payments/{provider}")
@PermitAll
public class PaymentWebhookResource {

    private final PaymentService payments;

    public PaymentWebhookResource(PaymentService payments) {
        this.payments = payments;
    }

    @POST
    @Operation(summary = "A payment provider's signed callback (idempotent, order-safe)")
    @Consumes(MediaType.WILDCARD)
    @RequestBody(description = "The provider's signed event (the sandbox's shown), read once its signature is verified",
            content = @Content(mediaType = MediaType.WILDCARD,
                    schema = @Schema(implementation = SandboxProvider.SandboxEvent.class)))
    @APIResponse(responseCode = "400",
            description = "The verified body is not a callback of this provider (webhook-malformed)")
    @APIResponse(responseCode = "401", description = "Signature missing, wrong, stale or from the future")
    @APIResponse(responseCode = "409",
            description = "This very signed callback was received before (webhook-replayed)")
    @APIResponse(responseCode = "422", description = "No such payment session, or not its amount or currency")
    @APIResponseSchema(value = CallbackReceipt.class, responseCode = "200",
            responseDescription = "Applied (or the first outcome again for a duplicate delivery)")
    public Uni<CallbackReceipt> callback(@RestPath String provider, @Context HttpHeaders headers, byte[] body) {
        return payments.handleCallback(provider, headers::getHeaderString, body == null ? new byte[0] : body);
    }
}
