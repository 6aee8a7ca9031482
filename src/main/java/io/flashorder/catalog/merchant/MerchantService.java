package io.flashorder.catalog.merchant;

import io.flashorder.platform.Ids;
import io.flashorder.platform.error.ApiException;
import io.flashorder.platform.page.Page;
import io.flashorder.platform.page.PageRequest;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.util.UUID;

@ApplicationScoped
public class MerchantService {

    private final MerchantRepository merchants;
    private final Clock clock;

    public MerchantService(MerchantRepository merchants, Clock clock) {
        this.merchants = merchants;
        this.clock = clock;
    }

    @WithTransaction
    public Uni<MerchantView> create(MerchantRequest request) {
        Merchant merchant = new Merchant();
        merchant.id = Ids.newId();
        merchant.createdAt = clock.instant();
        apply(merchant, request);
        return merchants.persist(merchant).map(MerchantView::of);
    }

    @WithTransaction
    public Uni<MerchantView> update(UUID id, MerchantRequest request) {
        return require(id).map(merchant -> {
            apply(merchant, request);
            return merchant;
        }).call(merchants::flush).map(MerchantView::of);
    }

    @WithSession
    public Uni<MerchantView> get(UUID id) {
        return require(id).map(MerchantView::of);
    }

    @WithSession
    public Uni<Page<MerchantView>> list(PageRequest page) {
        return merchants.page(page).map(rows -> Page.of(rows, page, m -> m.id, MerchantView::of));
    }

    /** The merchant, or a 404 problem; other catalog services use it to check ownership targets. */
    public Uni<Merchant> require(UUID id) {
        return merchants.findById(id)
                .onItem().ifNull().failWith(() -> ApiException.notFound("merchant", id));
    }

    private void apply(Merchant merchant, MerchantRequest request) {
        merchant.name = request.name().strip();
        merchant.active = request.active() == null || request.active();
        merchant.updatedAt = clock.instant();
    }
}
