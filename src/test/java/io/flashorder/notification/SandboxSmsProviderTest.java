package io.flashorder.notification;

import io.flashorder.security.PiiCipher;
import io.flashorder.support.Database;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The texts of a batch are stored with one statement; a refused number fails alone, in its place. */
@QuarkusTest
class SandboxSmsProviderTest {

    private static final String REFUSED_PHONE = "+8613900000000";

    @Inject
    SandboxSmsProvider sms;
    @Inject
    Database database;
    @Inject
    PiiCipher pii;

    @Test
    void aBatchIsStoredWithARefusedNumberFailingInItsPlace() {
        String batch = UUID.randomUUID().toString();
        List<Optional<Throwable>> outcomes = sms.sendAll(List.of(
                        new SmsProvider.Text("+44 20 7946 0001", "first " + batch),
                        new SmsProvider.Text(REFUSED_PHONE, "refused " + batch),
                        new SmsProvider.Text("+44 20 7946 0003", "third " + batch)))
                .await().atMost(Duration.ofSeconds(10));

        assertThat(outcomes).hasSize(3);
        assertThat(outcomes.get(0)).isEmpty();
        assertThat(outcomes.get(1)).get().satisfies(failure -> assertThat(failure).hasMessageContaining("refused"));
        assertThat(outcomes.get(2)).isEmpty();
        assertThat(database.strings("SELECT body FROM sandbox_sms WHERE body LIKE $1 ORDER BY body", "%" + batch))
                .containsExactly("first " + batch, "third " + batch);
        assertThat(database.strings("SELECT phone_encrypted FROM sandbox_sms WHERE body = $1", "third " + batch))
                .singleElement().satisfies(phone -> assertThat(pii.decrypt(phone)).isEqualTo("+44 20 7946 0003"));
    }

    @Test
    void oneTextFailsWhenItsNumberIsRefused() {
        String body = "alone " + UUID.randomUUID();
        assertThat(sms.send(REFUSED_PHONE, body).onItemOrFailure().transform((ok, failure) -> failure)
                .await().atMost(Duration.ofSeconds(10))).hasMessageContaining("refused");
        sms.send("+44 20 7946 0004", body).await().atMost(Duration.ofSeconds(10));
        assertThat(database.count("SELECT count(*) FROM sandbox_sms WHERE body = $1", body)).isEqualTo(1);
    }
}
