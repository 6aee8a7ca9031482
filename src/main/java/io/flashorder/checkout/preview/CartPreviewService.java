package io.flashorder.checkout.preview;

import io.flashorder.platform.FlashorderConfig;
import io.flashorder.points.PointsConfig;
import io.flashorder.points.PointsService;
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
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The price preview: the checkout's own pricing, priced now, writing nothing. It sits above both pricing and points
 * (it is checkout's question), so a cart that spends points gets the POINTS discount at the platform's rate and cap,
 * as checkout prices it, and points the buyer cannot spend now are refused as checkout refuses them.
 */
@ApplicationScoped
public class CartPreviewService {

    private final PricingService pricing;
    private final PointsService points;
    private final PointsConfig pointsConfig;
    private final FlashorderConfig config;
    private final Clock clock;

    public CartPreviewService(PricingService pricing, PointsService points, PointsConfig pointsConfig,
                              FlashorderConfig config, Clock clock) {
        this.pricing = pricing;
        this.points = points;
        this.pointsConfig = pointsConfig;
        this.config = config;
        this.clock = clock;
    }

    public Uni<PriceQuote> preview(CartPriceRequest request, String buyerUserId, String memberTier) {
        check(request);
        long spending = request.pointsOrZero();
        Uni<PriceQuote> quote = pricing.quote(request.toCart(buyerUserId, memberTier,
                spending == 0 ? null : pointsConfig.redemption(spending)), clock.instant());
        if (spending == 0) {
            return quote;
        }
        // In checkout's order: the price (a cap on points is a 422 of pricing) before the buyer's spendable points.
        return quote.call(() -> points.spendable(buyerUserId).invoke(spendable -> {
            if (spending > spendable) {
                throw ApiException.conflict("insufficient-points", "You can spend " + spendable + " points now",
                        Map.of("spendable", spendable));
            }
        }));
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
