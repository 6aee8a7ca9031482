package io.flashorder.platform;

import io.flashorder.platform.openapi.ProblemResponses;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** A trivial endpoint: the benchmark's baseline for what this service can answer at all. */
@Tag(name = "Operations", description = "Trivial endpoints for probes and benchmarks")
@Path("/api/v1/ping")
@PermitAll
public class PingResource {

    @GET
    @Operation(summary = "Answer pong (no dependency)")
    @Produces(MediaType.TEXT_PLAIN)
    @Extension(name = ProblemResponses.NO_DEPENDENCY, value = "true")
    public Uni<String> ping() {
        return Uni.createFrom().item("pong");
    }
}
