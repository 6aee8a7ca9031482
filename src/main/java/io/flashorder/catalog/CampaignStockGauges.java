package io.flashorder.catalog;

import io.flashorder.inventory.CampaignStockLevels;
import io.flashorder.inventory.InventoryService;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code flashorder_campaign_stock_units{campaign, sku, state}}: what Redis counts for every SKU of every live campaign,
 * {@code state} one of {@code available}, {@code held} (by orders waiting for payment) and {@code sold}. Read from
 * Redis every {@code flashorder.monitoring.campaign-stock-every} (not per scrape: every pod exports the same figures,
 * and a scrape must not wait on Redis); campaigns that ended leave the gauge at the next reading.
 */
@ApplicationScoped
public class CampaignStockGauges {

    private final CatalogSnapshotService catalog;
    private final InventoryService inventory;
    private final Clock clock;
    private final MultiGauge units;

    public CampaignStockGauges(CatalogSnapshotService catalog, InventoryService inventory, Clock clock,
                               MeterRegistry meters) {
        this.catalog = catalog;
        this.inventory = inventory;
        this.clock = clock;
        this.units = MultiGauge.builder("flashorder.campaign.stock.units")
                .description("Campaign stock in Redis per live campaign SKU: available, held or sold units")
                .register(meters);
    }

    @Scheduled(every = "${flashorder.monitoring.campaign-stock-every:15s}", delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> periodicSample() {
        return sample().onFailure().invoke(failure -> Log.debugf("Campaign stock not read: %s", failure.toString()))
                .onFailure().recoverWithNull();
    }

    /** Reads every live campaign's stock now and replaces the gauge's rows with it. */
    public Uni<Void> sample() {
        Instant now = clock.instant();
        List<CatalogSnapshot.CampaignInfo> live = catalog.current().campaigns().values().stream()
                .filter(campaign -> campaign.isLive(now)).toList();
        return Multi.createFrom().iterable(live)
                .onItem().transformToUniAndConcatenate(campaign -> inventory.campaignLevels(campaign.id(),
                        List.copyOf(campaign.pricesBySku().keySet())))
                .collect().asList()
                .invoke(levels -> units.register(rows(levels), true))
                .replaceWithVoid();
    }

    private static List<MultiGauge.Row<?>> rows(List<List<CampaignStockLevels>> campaigns) {
        List<MultiGauge.Row<?>> rows = new ArrayList<>();
        for (List<CampaignStockLevels> campaign : campaigns) {
            for (CampaignStockLevels sku : campaign) {
                Tags tags = Tags.of("campaign", sku.campaignId().toString(), "sku", sku.skuId().toString());
                rows.add(MultiGauge.Row.of(tags.and("state", "available"), sku.available()));
                rows.add(MultiGauge.Row.of(tags.and("state", "held"), sku.held()));
                rows.add(MultiGauge.Row.of(tags.and("state", "sold"), sku.sold()));
            }
        }
        return rows;
    }
}
