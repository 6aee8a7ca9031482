package io.flashorder.risk;

import io.flashorder.security.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import java.util.Map;

/** Blacklist management: users, phones and addresses refused at placement (403). */
@Tag(name = "Risk (admin)", description = "Blacklists of users, phones and addresses")
@Path("/api/v1/admin/blacklist")
@RolesAllowed(Roles.ADMIN)
public class AdminBlacklistResource {

    private final BlacklistService blacklist;

    public AdminBlacklistResource(BlacklistService blacklist) {
        this.blacklist = blacklist;
    }

    @POST
    @Operation(summary = "Add blacklist entries")
    @Path("entries")
    @APIResponse(responseCode = "201", description = "Added",
            content = @Content(mediaType = "application/json", schema = @Schema(type = SchemaType.OBJECT)))
    @APIResponse(responseCode = "200", description = "It was listed already",
            content = @Content(mediaType = "application/json", schema = @Schema(type = SchemaType.OBJECT)))
    public Uni<RestResponse<Map<String, Object>>> add(@Valid @NotNull BlacklistEntryRequest entry) {
        return blacklist.add(entry).map(added -> RestResponse.status(
                added ? RestResponse.Status.CREATED : RestResponse.Status.OK, Map.of("kind", entry.kind(), "listed", true)));
    }

    @POST
    @Operation(summary = "Remove blacklist entries")
    @Path("removals")
    public Uni<Map<String, Object>> remove(@Valid @NotNull BlacklistEntryRequest entry) {
        return blacklist.remove(entry).map(existed -> Map.of("kind", entry.kind(), "listed", false, "existed", existed));
    }

    @POST
    @Operation(summary = "Look up blacklist entries")
    @Path("lookups")
    public Uni<Map<String, Object>> lookup(@Valid @NotNull BlacklistEntryRequest entry) {
        return blacklist.contains(entry).map(listed -> Map.of("kind", entry.kind(), "listed", listed));
    }
}
