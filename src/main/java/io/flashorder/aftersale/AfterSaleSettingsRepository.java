package io.flashorder.aftersale;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;

/** A merchant's after-sales timeouts: its own where it set them, the platform defaults elsewhere. */
@ApplicationScoped
public class AfterSaleSettingsRepository {

    private static final String FIND = """
            SELECT review_hours, return_days, receipt_days, exchange_confirm_days FROM after_sale_settings
            WHERE merchant_id = $1""";
    private static final String UPSERT = """
            INSERT INTO after_sale_settings (merchant_id, review_hours, return_days, receipt_days,
                exchange_confirm_days, updated_at)
            VALUES ($1, $2, $3, $4, $5, $6)
            ON CONFLICT (merchant_id) DO UPDATE SET review_hours = $2, return_days = $3, receipt_days = $4,
                exchange_confirm_days = $5, updated_at = $6""";

    private final AfterSaleConfig config;

    public AfterSaleSettingsRepository(AfterSaleConfig config) {
        this.config = config;
    }

    public Uni<AfterSaleSettingsView> find(SqlClient client, UUID merchantId) {
        return client.preparedQuery(FIND).execute(Tuple.of(merchantId)).map(rows -> {
            Row row = rows.size() == 0 ? null : rows.iterator().next();
            return new AfterSaleSettingsView(value(row, "review_hours"), value(row, "return_days"),
                    value(row, "receipt_days"), value(row, "exchange_confirm_days"), defaults());
        });
    }

    public Uni<Timeouts> timeouts(SqlClient client, UUID merchantId) {
        return find(client, merchantId).map(this::timeouts);
    }

    public Uni<Void> save(SqlClient client, UUID merchantId, AfterSaleSettingsView.Request request, Instant now) {
        return client.preparedQuery(UPSERT).execute(Tuple.from(new Object[] {merchantId, request.reviewHours(),
                request.returnDays(), request.receiptDays(), request.exchangeConfirmDays(),
                now.atOffset(ZoneOffset.UTC)})).replaceWithVoid();
    }

    Timeouts timeouts(AfterSaleSettingsView own) {
        return new Timeouts(
                own.reviewHours() == null ? config.reviewTimeout() : Duration.ofHours(own.reviewHours()),
                own.returnDays() == null ? config.returnTimeout() : Duration.ofDays(own.returnDays()),
                own.receiptDays() == null ? config.receiptTimeout() : Duration.ofDays(own.receiptDays()),
                own.exchangeConfirmDays() == null ? config.exchangeConfirmTimeout()
                        : Duration.ofDays(own.exchangeConfirmDays()),
                config.disputeWindow());
    }

    private AfterSaleSettingsView.Defaults defaults() {
        return new AfterSaleSettingsView.Defaults(config.reviewTimeout().toHours(), config.returnTimeout().toDays(),
                config.receiptTimeout().toDays(), config.exchangeConfirmTimeout().toDays());
    }

    private static Integer value(Row row, String column) {
        return row == null ? null : row.getInteger(column);
    }
}
