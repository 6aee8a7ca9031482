package io.flashorder.settings;

import io.flashorder.security.PiiCipher;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Timeout;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/** merchant_settings: read whole into the cache, written one merchant at a time. */
@ApplicationScoped
public class MerchantSettingsRepository {

    private static final String SELECT_ALL = """
            SELECT merchant_id, payment_timeout_seconds, auto_confirm_days, after_sales_days, webhook_url,
                   webhook_secret_encrypted, version
            FROM merchant_settings""";
    private static final String UPSERT = """
            INSERT INTO merchant_settings (merchant_id, payment_timeout_seconds, auto_confirm_days, after_sales_days,
                webhook_url, webhook_secret_encrypted, version, updated_at)
            VALUES ($1, $2, $3, $4, $5, $6, 1, $7)
            ON CONFLICT (merchant_id) DO UPDATE SET payment_timeout_seconds = EXCLUDED.payment_timeout_seconds,
                auto_confirm_days = EXCLUDED.auto_confirm_days, after_sales_days = EXCLUDED.after_sales_days,
                webhook_url = EXCLUDED.webhook_url, webhook_secret_encrypted = EXCLUDED.webhook_secret_encrypted,
                version = merchant_settings.version + 1, updated_at = EXCLUDED.updated_at
            RETURNING version""";

    private final Pool pool;
    private final PiiCipher cipher;

    public MerchantSettingsRepository(Pool pool, PiiCipher cipher) {
        this.pool = pool;
        this.cipher = cipher;
    }

    @Timeout(5000)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 5000)
    public Uni<List<MerchantSettings>> findAll() {
        return pool.query(SELECT_ALL).execute().map(rows -> {
            List<MerchantSettings> all = new ArrayList<>();
            for (Row row : rows) {
                all.add(toSettings(row));
            }
            return all;
        });
    }

    /** Replaces one merchant's settings; emits the new version. */
    @Timeout(5000)
    public Uni<Long> save(MerchantSettings settings, Instant at) {
        String secret = settings.webhookSecret() == null ? null : cipher.encrypt(settings.webhookSecret());
        return pool.preparedQuery(UPSERT).execute(Tuple.from(new Object[] {settings.merchantId(),
                        settings.paymentTimeoutSeconds(), settings.autoConfirmDays(), settings.afterSalesDays(),
                        settings.webhookUrl(), secret, at.atOffset(ZoneOffset.UTC)}))
                .map(rows -> rows.iterator().next().getLong("version"));
    }

    private MerchantSettings toSettings(Row row) {
        String secret = row.getString("webhook_secret_encrypted");
        return new MerchantSettings(row.getUUID("merchant_id"), row.getInteger("payment_timeout_seconds"),
                row.getInteger("auto_confirm_days"), row.getInteger("after_sales_days"), row.getString("webhook_url"),
                secret == null ? null : cipher.decrypt(secret), row.getLong("version"));
    }
}
