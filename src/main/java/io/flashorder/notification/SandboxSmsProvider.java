package io.flashorder.notification;

import io.flashorder.platform.Ids;
import io.flashorder.security.PiiCipher;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.faulttolerance.Timeout;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;

/**
 * The SMS provider of dev and tests: "sends" by storing the text in table sandbox_sms, the phone encrypted, where
 * dev and the tests read it. It refuses the numbers of {@code flashorder.notifications.sandbox-refused-numbers}, as a
 * real provider refuses some, so failures can be tried.
 */
@ApplicationScoped
public class SandboxSmsProvider implements SmsProvider {

    private final Pool pool;
    private final PiiCipher pii;
    private final Clock clock;
    private final List<String> refused;

    public SandboxSmsProvider(Pool pool, PiiCipher pii, Clock clock, NotificationConfig config) {
        this.pool = pool;
        this.pii = pii;
        this.clock = clock;
        this.refused = config.sandboxRefusedNumbers().orElse(List.of());
    }

    @Override
    @Timeout(10_000)
    public Uni<Void> send(String phone, String text) {
        if (refused.contains(phone)) {
            return Uni.createFrom().failure(new IllegalStateException("sandbox SMS provider refused the number"));
        }
        return pool.preparedQuery("INSERT INTO sandbox_sms (id, phone_encrypted, body, sent_at) VALUES ($1, $2, $3, $4)")
                .execute(Tuple.of(Ids.newId(), pii.encrypt(phone), text, clock.instant().atOffset(ZoneOffset.UTC)))
                .replaceWithVoid();
    }
}
