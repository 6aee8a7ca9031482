package io.flashorder.catalog.sku;

import io.flashorder.platform.MerchantScope;
import io.flashorder.platform.page.PageRequest;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class SkuRepository implements PanacheRepositoryBase<Sku, UUID> {

    public Uni<List<Sku>> page(MerchantScope scope, PageRequest page) {
        return scope.merchantId()
                .map(merchant -> find("merchantId = ?1 and id > ?2", Sort.by("id"), merchant, page.afterOrStart()))
                .orElseGet(() -> find("id > ?1", Sort.by("id"), page.afterOrStart()))
                .range(0, page.fetchSize() - 1).list();
    }
}
