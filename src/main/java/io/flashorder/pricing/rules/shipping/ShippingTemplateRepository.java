package io.flashorder.pricing.rules.shipping;

import io.flashorder.platform.MerchantScope;
import io.flashorder.platform.page.PageRequest;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class ShippingTemplateRepository implements PanacheRepositoryBase<ShippingTemplateRow, UUID> {

    public Uni<List<ShippingTemplateRow>> page(MerchantScope scope, PageRequest page) {
        return scope.merchantId()
                .map(merchant -> find("merchantId = ?1 and id > ?2", Sort.by("id"), merchant, page.afterOrStart()))
                .orElseGet(() -> find("id > ?1", Sort.by("id"), page.afterOrStart()))
                .range(0, page.fetchSize() - 1).list();
    }

    /** Whether another template of the merchant already covers the region (id null when creating). */
    public Uni<Boolean> regionTaken(UUID merchantId, String regionCode, UUID exceptId) {
        return exceptId == null
                ? count("merchantId = ?1 and regionCode = ?2", merchantId, regionCode).map(n -> n > 0)
                : count("merchantId = ?1 and regionCode = ?2 and id <> ?3", merchantId, regionCode, exceptId)
                        .map(n -> n > 0);
    }
}
