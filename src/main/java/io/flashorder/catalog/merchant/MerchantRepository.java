package io.flashorder.catalog.merchant;

import io.flashorder.platform.page.PageRequest;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class MerchantRepository implements PanacheRepositoryBase<Merchant, UUID> {

    public Uni<List<Merchant>> page(PageRequest page) {
        return find("id > ?1", Sort.by("id"), page.afterOrStart()).range(0, page.fetchSize() - 1).list();
    }
}
