package io.flashorder.logistics.carrier;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** SQL of carrier rules and logistics settings. */
@ApplicationScoped
public class CarrierRepository {

    private static final String RULE_COLUMNS = """
            id, carrier, region_code, min_weight_grams, max_weight_grams, max_declared_value, cod_supported, currency,
            base_cost, cost_per_kg, preferred, created_at""";

    public Uni<List<CarrierRule>> rules(SqlClient client, UUID merchantId) {
        return client.preparedQuery("SELECT " + RULE_COLUMNS + " FROM carrier_rule WHERE merchant_id = $1 ORDER BY id")
                .execute(Tuple.of(merchantId)).map(rows -> {
                    List<CarrierRule> rules = new ArrayList<>();
                    for (Row row : rows) {
                        rules.add(new CarrierRule(row.getUUID("id"), row.getString("carrier"),
                                row.getString("region_code"), row.getLong("min_weight_grams"),
                                row.getLong("max_weight_grams"), row.getLong("max_declared_value"),
                                row.getBoolean("cod_supported"), row.getString("currency"), row.getLong("base_cost"),
                                row.getLong("cost_per_kg"), row.getBoolean("preferred"),
                                row.getOffsetDateTime("created_at").toInstant()));
                    }
                    return rules;
                });
    }

    public Uni<Void> insertRule(SqlClient client, UUID merchantId, CarrierRule rule) {
        return client.preparedQuery("""
                        INSERT INTO carrier_rule (id, merchant_id, carrier, region_code, min_weight_grams,
                            max_weight_grams, max_declared_value, cod_supported, currency, base_cost, cost_per_kg,
                            preferred, created_at)
                        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)""")
                .execute(Tuple.from(new Object[] {rule.id(), merchantId, rule.carrier(), rule.regionCode(),
                        rule.minWeightGrams(), rule.maxWeightGrams(), rule.maxDeclaredValue(), rule.codSupported(),
                        rule.currency(), rule.baseCost(), rule.costPerKg(), rule.preferred(),
                        rule.createdAt().atOffset(ZoneOffset.UTC)}))
                .replaceWithVoid();
    }

    /** Emits whether a rule of the merchant was deleted. */
    public Uni<Boolean> deleteRule(SqlClient client, UUID merchantId, UUID id) {
        return client.preparedQuery("DELETE FROM carrier_rule WHERE id = $1 AND merchant_id = $2")
                .execute(Tuple.of(id, merchantId)).map(rows -> rows.rowCount() == 1);
    }

    public Uni<Optional<LogisticsSettingsView>> settings(SqlClient client, UUID merchantId) {
        return client.preparedQuery("""
                        SELECT insurance_threshold, insurance_basis_points, insurance_minimum_fee, updated_at
                        FROM logistics_settings WHERE merchant_id = $1""")
                .execute(Tuple.of(merchantId)).map(rows -> {
                    if (rows.size() == 0) {
                        return Optional.empty();
                    }
                    Row row = rows.iterator().next();
                    return Optional.of(new LogisticsSettingsView(true, row.getLong("insurance_threshold"),
                            row.getInteger("insurance_basis_points"), row.getLong("insurance_minimum_fee"),
                            row.getOffsetDateTime("updated_at").toInstant()));
                });
    }

    public Uni<LogisticsSettingsView> saveSettings(SqlClient client, UUID merchantId, LogisticsSettingsRequest request,
                                                   Instant at) {
        return client.preparedQuery("""
                        INSERT INTO logistics_settings (merchant_id, insurance_threshold, insurance_basis_points,
                                                        insurance_minimum_fee, updated_at)
                        VALUES ($1, $2, $3, $4, $5)
                        ON CONFLICT (merchant_id) DO UPDATE SET insurance_threshold = EXCLUDED.insurance_threshold,
                            insurance_basis_points = EXCLUDED.insurance_basis_points,
                            insurance_minimum_fee = EXCLUDED.insurance_minimum_fee, updated_at = EXCLUDED.updated_at""")
                .execute(Tuple.of(merchantId, request.insuranceThreshold(), request.insuranceBasisPoints(),
                        request.insuranceMinimumFee(), at.atOffset(ZoneOffset.UTC)))
                .replaceWith(new LogisticsSettingsView(true, request.insuranceThreshold(),
                        request.insuranceBasisPoints(), request.insuranceMinimumFee(), at));
    }
}
