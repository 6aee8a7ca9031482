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
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The SMS provider of dev and tests: "sends" by storing the text in table sandbox_sms, the phone encrypted, where
 * dev and the tests read it. It refuses the numbers of {@code flashorder.notifications.sandbox-refused-numbers}, as a
 * real provider refuses some, so failures can be tried. The texts of one notifier batch are stored with one statement.
 */
@ApplicationScoped
public class SandboxSmsProvider implements SmsProvider {

    private static final String STORE_ALL = """
            INSERT INTO sandbox_sms (id, phone_encrypted, body, sent_at)
            SELECT id, phone_encrypted, body, $4 FROM unnest($1::uuid[], $2::text[], $3::text[])
                AS t(id, phone_encrypted, body)""";

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
        return sendAll(List.of(new Text(phone, text))).chain(outcomes -> outcomes.get(0)
                .map(refusal -> Uni.createFrom().<Void>failure(refusal))
                .orElseGet(() -> Uni.createFrom().voidItem()));
    }

    @Override
    @Timeout(10_000)
    public Uni<List<Optional<Throwable>>> sendAll(List<Text> texts) {
        List<Optional<Throwable>> outcomes = new ArrayList<>(Collections.nCopies(texts.size(), Optional.empty()));
        List<UUID> ids = new ArrayList<>();
        List<String> phones = new ArrayList<>();
        List<String> bodies = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            Text text = texts.get(i);
            if (refused.contains(text.phone())) {
                outcomes.set(i, Optional.of(new IllegalStateException("sandbox SMS provider refused the number")));
            } else {
                ids.add(Ids.newId());
                phones.add(pii.encrypt(text.phone()));
                bodies.add(text.body());
            }
        }
        if (ids.isEmpty()) {
            return Uni.createFrom().item(outcomes);
        }
        return pool.preparedQuery(STORE_ALL)
                .execute(Tuple.of(ids.toArray(UUID[]::new), phones.toArray(String[]::new),
                        bodies.toArray(String[]::new), clock.instant().atOffset(ZoneOffset.UTC)))
                .map(stored -> outcomes);
    }
}
