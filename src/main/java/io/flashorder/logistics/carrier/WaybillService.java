package io.flashorder.logistics.carrier;

import io.flashorder.logistics.warehouse.ParcelRepository;
import io.flashorder.logistics.warehouse.ParcelRow;
import io.flashorder.logistics.warehouse.ParcelStatus;
import io.flashorder.logistics.warehouse.ParcelView;
import io.flashorder.platform.error.ApiException;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.faulttolerance.Timeout;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Books the waybill of a READY parcel: the merchant's carrier rules choose the carrier (preferred, else lowest
 * quote) for the parcel's region, packed weight, goods value and payment method; a parcel worth more than the
 * merchant's insurance threshold is insured at an exact premium. The choice, its reason, the cost and the
 * insurance are recorded on the parcel with the tracking number and label the carrier returned.
 */
@ApplicationScoped
public class WaybillService {

    private final Pool pool;
    private final ParcelRepository parcels;
    private final WaybillRepository waybills;
    private final CarrierRepository carriers;
    private final CarrierProviders providers;
    private final Clock clock;

    public WaybillService(Pool pool, ParcelRepository parcels, WaybillRepository waybills, CarrierRepository carriers,
                          CarrierProviders providers, Clock clock) {
        this.pool = pool;
        this.parcels = parcels;
        this.waybills = waybills;
        this.carriers = carriers;
        this.providers = providers;
        this.clock = clock;
    }

    @Timeout(5000)
    public Uni<ParcelView> book(UUID merchantId, UUID parcelId) {
        return pool.withConnection(connection -> parcels.find(connection, merchantId, parcelId)
                        .map(found -> found.orElseThrow(() -> ApiException.notFound("parcel", parcelId)))
                        .chain(row -> {
                            requireBookable(row);
                            return waybills.facts(connection, parcelId)
                                    .chain(facts -> carriers.rules(connection, merchantId)
                                            .chain(rules -> carriers.settings(connection, merchantId)
                                                    .map(settings -> plan(row, facts, rules,
                                                            settings.orElse(LogisticsSettingsView.NONE)))));
                        }))
                .chain(plan -> plan.provider().book(new CarrierProvider.BookingRequest(parcelId, plan.choice().rule()
                                .carrier(), plan.facts().regionCode(), plan.weightGrams(), plan.facts().goodsValue(),
                                plan.facts().currency(), plan.premium() != null, plan.facts().cashOnDelivery()))
                        .chain(waybill -> pool.withTransaction(tx -> waybills.record(tx, parcelId,
                                plan.choice().rule().carrier(), waybill, plan.choice().reason(),
                                plan.facts().currency(), plan.facts().goodsValue(), plan.choice().cost(),
                                plan.premium() != null, plan.premium(), now())
                                .chain(recorded -> recorded ? parcels.find(tx, merchantId, parcelId)
                                        : Uni.createFrom().failure(ApiException.conflict("waybill-booked",
                                        "Parcel " + parcelId + " was booked or moved meanwhile; reload it")))
                                .chain(found -> parcels.lines(tx, List.of(parcelId)).map(lines -> ParcelView.of(
                                        found.orElseThrow(), lines.getOrDefault(parcelId, List.of())))))));
    }

    private Plan plan(ParcelRow row, WaybillRepository.BookingFacts facts, List<CarrierRule> rules,
                      LogisticsSettingsView settings) {
        long weight = row.packedWeightGrams() == null ? 0 : row.packedWeightGrams();
        CarrierChoice.Choice choice = CarrierChoice.choose(rules, new CarrierChoice.Parcel(facts.regionCode(), weight,
                        facts.goodsValue(), facts.cashOnDelivery(), facts.currency()))
                .orElseThrow(() -> ApiException.unprocessable("no-eligible-carrier", "No carrier rule of the merchant"
                        + " takes parcel " + row.id() + " (" + facts.regionCode() + ", " + weight + " g, value "
                        + facts.goodsValue() + " " + facts.currency() + (facts.cashOnDelivery() ? ", COD" : "") + ")"));
        CarrierProvider provider = providers.booking(choice.rule().carrier())
                .orElseThrow(() -> ApiException.unprocessable("carrier-unavailable",
                        "No carrier provider books " + choice.rule().carrier() + " any more"));
        Long premium = settings.configured()
                && InsurancePremium.insured(facts.goodsValue(), settings.insuranceThreshold())
                ? InsurancePremium.premium(facts.goodsValue(), settings.insuranceBasisPoints(),
                        settings.insuranceMinimumFee())
                : null;
        return new Plan(provider, choice, facts, weight, premium);
    }

    private static void requireBookable(ParcelRow row) {
        if (row.status() != ParcelStatus.READY) {
            throw ApiException.conflict("parcel-status", "Parcel " + row.id() + " is " + row.status()
                    + "; a waybill is booked when READY", Map.of("parcelId", row.id(), "currentStatus", row.status()));
        }
        if (row.trackingNumber() != null) {
            throw ApiException.conflict("waybill-booked", "Parcel " + row.id() + " already has waybill "
                    + row.trackingNumber() + " of " + row.carrier());
        }
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    private record Plan(CarrierProvider provider, CarrierChoice.Choice choice, WaybillRepository.BookingFacts facts,
                        long weightGrams, Long premium) {
    }
}
