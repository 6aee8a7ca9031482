package io.flashorder.notification;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.Arrays;
import java.util.List;

/**
 * A buyer's notification settings as the buyer sees them (its own email address in clear), and the kinds that
 * always go by SMS because they concern its money.
 */
public record PreferencesView(@Schema(nullable = true) String email, String locale,
                              List<PreferencesRequest.OptOutRequest> optOuts, List<NoticeKind> alwaysBySms) {

    static final List<NoticeKind> ALWAYS_BY_SMS = Arrays.stream(NoticeKind.values())
            .filter(kind -> !kind.canTurnOff(Channel.SMS)).toList();
}
