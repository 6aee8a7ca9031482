package io.flashorder.notification;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** Buyers' notification profiles (table notification_profile). */
@ApplicationScoped
public class NotificationProfileRepository {

    private final Pool pool;

    public NotificationProfileRepository(Pool pool) {
        this.pool = pool;
    }

    public Uni<Optional<NotificationProfile>> find(String buyerId) {
        return pool.preparedQuery("""
                        SELECT buyer_id, email_encrypted, locale, opt_outs FROM notification_profile
                        WHERE buyer_id = $1""")
                .execute(Tuple.of(buyerId))
                .map(rows -> rows.rowCount() == 0 ? Optional.empty() : Optional.of(profile(rows.iterator().next())));
    }

    /** The profiles of these buyers that exist, by buyer id (one query for a batch of notices). */
    public Uni<Map<String, NotificationProfile>> findAll(Collection<String> buyerIds) {
        return pool.preparedQuery("""
                        SELECT buyer_id, email_encrypted, locale, opt_outs FROM notification_profile
                        WHERE buyer_id = ANY($1)""")
                .execute(Tuple.of(buyerIds.toArray(String[]::new)))
                .map(rows -> {
                    Map<String, NotificationProfile> found = new HashMap<>();
                    rows.forEach(row -> found.put(row.getString("buyer_id"), profile(row)));
                    return found;
                });
    }

    /** Replaces the buyer's profile (or creates it). */
    public Uni<Void> save(NotificationProfile profile, Instant at) {
        String[] optOuts = profile.optOuts().stream().map(NotificationProfile.OptOut::key).sorted()
                .toArray(String[]::new);
        return pool.preparedQuery("""
                        INSERT INTO notification_profile (buyer_id, email_encrypted, locale, opt_outs, updated_at)
                        VALUES ($1, $2, $3, $4, $5)
                        ON CONFLICT (buyer_id) DO UPDATE SET email_encrypted = EXCLUDED.email_encrypted,
                            locale = EXCLUDED.locale, opt_outs = EXCLUDED.opt_outs, updated_at = EXCLUDED.updated_at""")
                .execute(Tuple.from(new Object[] {profile.buyerId(), profile.emailEncrypted().orElse(null),
                        profile.locale().tag(), optOuts, at.atOffset(ZoneOffset.UTC)}))
                .replaceWithVoid();
    }

    private static NotificationProfile profile(Row row) {
        Set<NotificationProfile.OptOut> optOuts = Arrays.stream(row.getArrayOfStrings("opt_outs"))
                .map(NotificationProfile.OptOut::of).collect(Collectors.toUnmodifiableSet());
        return new NotificationProfile(row.getString("buyer_id"), Optional.ofNullable(row.getString("email_encrypted")),
                BuyerLocale.of(row.getString("locale")).orElse(BuyerLocale.DEFAULT), optOuts);
    }
}
