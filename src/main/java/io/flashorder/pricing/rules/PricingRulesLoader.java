package io.flashorder.pricing.rules;

import io.flashorder.pricing.model.CouponTemplate;
import io.flashorder.pricing.model.MemberTier;
import io.flashorder.pricing.model.PercentOffPromotion;
import io.flashorder.pricing.model.ShippingTemplate;
import io.flashorder.pricing.model.SpendThresholdPromotion;
import io.flashorder.pricing.rules.coupontemplate.CouponTemplateRepository;
import io.flashorder.pricing.rules.coupontemplate.CouponTemplateRow;
import io.flashorder.pricing.rules.membertier.MemberTierRepository;
import io.flashorder.pricing.rules.membertier.MemberTierRow;
import io.flashorder.pricing.rules.membertier.PricingSettingsRepository;
import io.flashorder.pricing.rules.membertier.PricingSettingsRow;
import io.flashorder.pricing.rules.promotion.PromotionKind;
import io.flashorder.pricing.rules.promotion.PromotionRepository;
import io.flashorder.pricing.rules.promotion.PromotionRow;
import io.flashorder.pricing.rules.promotion.PromotionSkuRepository;
import io.flashorder.pricing.rules.promotion.PromotionSkuRow;
import io.flashorder.pricing.rules.promotion.PromotionTierRepository;
import io.flashorder.pricing.rules.promotion.PromotionTierRow;
import io.flashorder.pricing.rules.shipping.ShippingTemplateRepository;
import io.flashorder.pricing.rules.shipping.ShippingTemplateRow;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Reads every pricing rule from PostgreSQL (needs a session) and builds the engine's records. A row the engine
 * refuses (it should not happen: the services and the schema check the same invariants) is logged and left out
 * rather than taking every other rule down with it.
 */
@ApplicationScoped
public class PricingRulesLoader {

    /** Coupon templates that ended longer ago are not loaded: their coupons are refused as unknown. */
    static final Duration ENDED_COUPON_TEMPLATES_KEPT = Duration.ofDays(90);

    private final MemberTierRepository tiers;
    private final PricingSettingsRepository settings;
    private final PromotionRepository promotions;
    private final PromotionTierRepository promotionTiers;
    private final PromotionSkuRepository promotionSkus;
    private final ShippingTemplateRepository shippingTemplates;
    private final CouponTemplateRepository couponTemplates;

    public PricingRulesLoader(MemberTierRepository tiers, PricingSettingsRepository settings,
                              PromotionRepository promotions, PromotionTierRepository promotionTiers,
                              PromotionSkuRepository promotionSkus, ShippingTemplateRepository shippingTemplates,
                              CouponTemplateRepository couponTemplates) {
        this.tiers = tiers;
        this.settings = settings;
        this.promotions = promotions;
        this.promotionTiers = promotionTiers;
        this.promotionSkus = promotionSkus;
        this.shippingTemplates = shippingTemplates;
        this.couponTemplates = couponTemplates;
    }

    /** @param now promotions that ended before it are left out (the periodic reload drops them as they end) */
    public Uni<PricingRules> load(Instant now) {
        return tiers.listAll().chain(tierRows -> settings.current().chain(settingsRow -> promotions.activeNotEnded(now)
                .chain(promotionRows -> {
                    List<UUID> ids = promotionRows.stream().map(p -> p.id).toList();
                    return promotionTiers.byPromotions(ids).chain(tierRowsOfPromotions -> promotionSkus.byPromotions(ids)
                            .chain(skuRows -> shippingTemplates.listAll()
                                    .chain(shippingRows -> couponTemplates.endingAfter(now.minus(ENDED_COUPON_TEMPLATES_KEPT))
                                            .map(couponRows -> build(now, tierRows, settingsRow, promotionRows,
                                                    tierRowsOfPromotions, skuRows, shippingRows, couponRows)))));
                })));
    }

    private static PricingRules build(Instant now, List<MemberTierRow> tierRows, PricingSettingsRow settingsRow,
                                      List<PromotionRow> promotionRows, List<PromotionTierRow> tierRows2,
                                      List<PromotionSkuRow> skuRows, List<ShippingTemplateRow> shippingRows,
                                      List<CouponTemplateRow> couponRows) {
        Map<UUID, List<PromotionTierRow>> tiersByPromotion = tierRows2.stream()
                .collect(Collectors.groupingBy(t -> t.id.promotionId()));
        Map<UUID, Set<UUID>> skusByPromotion = skuRows.stream().collect(Collectors.groupingBy(
                s -> s.id.promotionId(), Collectors.mapping(s -> s.id.skuId(), Collectors.toSet())));
        List<MemberTier> memberTiers = new ArrayList<>();
        tierRows.forEach(row -> add(memberTiers, () -> EngineRecords.memberTier(row), "member tier", row.id));
        List<PercentOffPromotion> percentOff = new ArrayList<>();
        List<SpendThresholdPromotion> thresholds = new ArrayList<>();
        for (PromotionRow row : promotionRows) {
            if (row.kind == PromotionKind.PERCENT_OFF) {
                add(percentOff, () -> EngineRecords.percentOff(row, skusByPromotion.getOrDefault(row.id, Set.of())),
                        "promotion", row.id);
            } else {
                add(thresholds, () -> EngineRecords.spendThreshold(row, tiersByPromotion.getOrDefault(row.id, List.of())),
                        "promotion", row.id);
            }
        }
        List<ShippingTemplate> shipping = new ArrayList<>();
        shippingRows.forEach(row -> add(shipping, () -> EngineRecords.shippingTemplate(row), "shipping template", row.id));
        List<CouponTemplate> coupons = new ArrayList<>();
        couponRows.forEach(row -> add(coupons, () -> EngineRecords.couponTemplate(row), "coupon template", row.id));
        return new PricingRules(memberTiers, settingsRow.tierAppliesToCampaignPrice, percentOff, thresholds, shipping,
                coupons, now);
    }

    private static <T> void add(List<T> into, Supplier<T> build, String what, UUID id) {
        try {
            into.add(build.get());
        } catch (RuntimeException e) {
            Log.errorf("Pricing left out %s %s: %s", what, id, e.getMessage());
        }
    }
}
