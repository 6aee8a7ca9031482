package io.flashorder.pricing.rules.membertier;

import io.flashorder.platform.page.PageRequest;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class MemberTierRepository implements PanacheRepositoryBase<MemberTierRow, UUID> {

    public Uni<List<MemberTierRow>> page(PageRequest page) {
        return find("id > ?1", Sort.by("id"), page.afterOrStart()).range(0, page.fetchSize() - 1).list();
    }

    public Uni<Boolean> tierTakenByAnother(String tier, UUID id) {
        return count("tier = ?1 and id <> ?2", tier, id).map(n -> n > 0);
    }
}
