package io.flashorder.notification;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.util.List;

/**
 * A buyer's notification settings, replacing what was there: where email goes (absent: no email), the language
 * ({@code zh-CN} or {@code en}; absent: the token's {@code locale} claim, else zh-CN), and what is turned off.
 */
public record PreferencesRequest(
        @Email @Size(max = 254) String email,
        @Size(max = 16) String locale,
        @Size(max = 18) List<@NotNull @Valid OptOutRequest> optOuts) {

    public record OptOutRequest(@NotNull Channel channel, @NotNull NoticeKind kind) {
    }
}
