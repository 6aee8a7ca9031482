package io.flashorder.pricing.rules.membertier;

import io.flashorder.platform.Ids;
import io.flashorder.platform.error.ApiException;
import io.flashorder.platform.error.UniqueViolations;
import io.flashorder.platform.page.Page;
import io.flashorder.platform.page.PageRequest;
import io.flashorder.pricing.rules.editing.RuleChanges;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.util.UUID;

/** Platform member tiers and whether they apply to campaign prices. Every change reloads pricing before answering. */
@ApplicationScoped
public class MemberTierService {

    private final MemberTierRepository tiers;
    private final PricingSettingsRepository settings;
    private final RuleChanges rules;
    private final Clock clock;

    public MemberTierService(MemberTierRepository tiers, PricingSettingsRepository settings, RuleChanges rules,
                             Clock clock) {
        this.tiers = tiers;
        this.settings = settings;
        this.rules = rules;
        this.clock = clock;
    }

    public Uni<MemberTierView> create(MemberTierRequest request) {
        return Panache.withTransaction(() -> requireTierFree(request.tier(), new UUID(0, 0)).chain(() -> {
            MemberTierRow row = new MemberTierRow();
            row.id = Ids.newId();
            row.createdAt = clock.instant();
            apply(row, request);
            return tiers.persist(row);
        }).map(MemberTierView::of))
                .onFailure(UniqueViolations::is).transform(failure -> tierExists(request.tier()))
                .call(rules::changed);
    }

    public Uni<MemberTierView> update(UUID id, MemberTierRequest request) {
        return Panache.withTransaction(() -> require(id).call(row -> requireTierFree(request.tier(), id)).map(row -> {
            apply(row, request);
            return row;
        }).call(tiers::flush).map(MemberTierView::of))
                .onFailure(UniqueViolations::is).transform(failure -> tierExists(request.tier()))
                .call(rules::changed);
    }

    public Uni<Void> delete(UUID id) {
        return Panache.withTransaction(() -> require(id).call(tiers::delete)).replaceWithVoid().call(rules::changed);
    }

    @WithSession
    public Uni<MemberTierView> get(UUID id) {
        return require(id).map(MemberTierView::of);
    }

    @WithSession
    public Uni<Page<MemberTierView>> list(PageRequest page) {
        return tiers.page(page).map(rows -> Page.of(rows, page, t -> t.id, MemberTierView::of));
    }

    @WithSession
    public Uni<TierPolicyView> policy() {
        return settings.current().map(TierPolicyView::of);
    }

    public Uni<TierPolicyView> updatePolicy(TierPolicyRequest request) {
        return Panache.withTransaction(() -> settings.current().map(row -> {
            row.tierAppliesToCampaignPrice = request.appliesToCampaignPrice();
            row.updatedAt = clock.instant();
            return row;
        }).call(settings::flush).map(TierPolicyView::of)).call(rules::changed);
    }

    private Uni<MemberTierRow> require(UUID id) {
        return tiers.findById(id).onItem().ifNull().failWith(() -> ApiException.notFound("member-tier", id));
    }

    private Uni<Void> requireTierFree(String tier, UUID exceptId) {
        return tiers.tierTakenByAnother(tier, exceptId).invoke(taken -> {
            if (taken) {
                throw tierExists(tier);
            }
        }).replaceWithVoid();
    }

    private static ApiException tierExists(String tier) {
        return ApiException.conflict("member-tier-exists", "A member tier named " + tier + " already exists");
    }

    private void apply(MemberTierRow row, MemberTierRequest request) {
        row.tier = request.tier();
        row.name = request.name().strip();
        row.discountBp = request.discountBp();
        row.updatedAt = clock.instant();
    }
}
