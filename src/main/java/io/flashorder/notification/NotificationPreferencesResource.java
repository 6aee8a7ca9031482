package io.flashorder.notification;

import io.flashorder.security.CurrentUser;
import io.flashorder.security.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** A buyer's own notification settings: email address, language, notices turned off. */
@Tag(name = "Notifications", description = "Which notices a buyer receives, where and in which language")
@Path("/api/v1/notification-preferences")
@RolesAllowed(Roles.CUSTOMER)
public class NotificationPreferencesResource {

    private final NotificationPreferencesService preferences;
    private final CurrentUser user;

    public NotificationPreferencesResource(NotificationPreferencesService preferences, CurrentUser user) {
        this.preferences = preferences;
        this.user = user;
    }

    @GET
    @Operation(summary = "Your notification settings")
    public Uni<PreferencesView> get() {
        return preferences.view(user.userId(), user.locale());
    }

    @PUT
    @Operation(summary = "Replace your notification settings")
    public Uni<PreferencesView> replace(@Valid @NotNull PreferencesRequest request) {
        return preferences.replace(user.userId(), request, user.locale());
    }
}
