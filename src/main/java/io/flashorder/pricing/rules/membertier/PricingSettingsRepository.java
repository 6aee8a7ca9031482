package io.flashorder.pricing.rules.membertier;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
public class PricingSettingsRepository implements PanacheRepositoryBase<PricingSettingsRow, Short> {

    /** The single settings row (the migration inserts it). */
    public Uni<PricingSettingsRow> current() {
        return findById(PricingSettingsRow.ID)
                .onItem().ifNull().failWith(() -> new IllegalStateException("pricing_settings row is missing"));
    }
}
