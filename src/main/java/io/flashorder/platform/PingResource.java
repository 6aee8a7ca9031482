package io.flashorder.platform;

import io.flashorder.platform.openapi.ProblemResponses;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;

/** A trivial endpoint: the benchmark's baseline for what this service can answer at all. */
@Path("/api/v1/ping")
@PermitAll
public class PingResource {

    @GET
    @Produces(MediaType.TEXT_PLAIN)
    @Extension(name = ProblemResponses.NO_DEPENDENCY, value = "true")
    public Uni<String> ping() {
        return Uni.createFrom().item("pong");
    }
}
