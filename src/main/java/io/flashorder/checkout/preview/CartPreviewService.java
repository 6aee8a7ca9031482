package io.flashorder.pricing.preview;

import io.flashorder.platform.FlashorderConfig;
import io.flashorder.platform.error.ApiException;
import io.flashorder.platform.error.FieldViolation;
import io.flashorder.pricing.PricingService;
import io.flashorder.pricing.quote.PriceQuote;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** The price preview: the checkout's own pricing, priced now, writing nothing. */
@ApplicationScoped
public class CartPreviewService {

    private final PricingService pricing;
    private final FlashorderConfig config;
    private final Clock clock;

    public CartPreviewService(PricingService pricing, FlashorderConfig config, Clock clock) {
        this.pricing = pricing;
        this.config = config;
        this.clock = clock;
    }

    public Uni<PriceQuote> preview(CartPriceRequest request, String buyerUserId, String memberTier) {
        check(request);
        return pricing.quote(request.toCart(buyerUserId, memberTier), clock.instant());
    }

    /** What Bean Validation cannot say: each SKU once, a known region. */
    private void check(CartPriceRequest request) {
        List<FieldViolation> violations = new ArrayList<>();
        Set<UUID> seen = new HashSet<>();
        for (int i = 0; i < request.items().size(); i++) {
            if (!seen.add(request.items().get(i).skuId())) {
                violations.add(new FieldViolation("items[" + i + "].skuId", "appears on more than one line"));
            }
        }
        if (!config.regions().contains(request.regionCode())) {
            violations.add(new FieldViolation("regionCode", "must be one of " + config.regions()));
        }
        if (!violations.isEmpty()) {
            throw ApiException.invalid("The cart has " + violations.size() + " invalid field(s)", violations);
        }
    }
}
