package io.flashorder.review;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Each rule fires at its threshold and not one step before it; the score is the sum of the fired weights. */
class RiskRulesTest {

    private static final ReviewConfig CONFIG = new Defaults();
    /** Nothing suspicious: one buyer on the address, no coupon, a usual amount, a known buyer. */
    private static final RiskFacts CALM = new RiskFacts(1, 0, null, 0, 10_000, 0, 10_000, 4, 40_000, 0);

    @Test
    void aCalmOrderScoresZero() {
        assertThat(RiskRules.evaluate(CALM, CONFIG)).isEmpty();
    }

    @Test
    void sharedAddressFiresAtItsAccountCount() {
        assertThat(rules(new RiskFacts(2, 0, null, 0, 10_000, 0, 10_000, 4, 40_000, 0))).isEmpty();
        assertThat(rules(new RiskFacts(3, 0, null, 0, 10_000, 0, 10_000, 4, 40_000, 0))).containsExactly(RiskRule.SHARED_ADDRESS);
    }

    @Test
    void sharedDeviceFiresAtItsAccountCount() {
        assertThat(rules(new RiskFacts(1, 2, null, 0, 10_000, 0, 10_000, 4, 40_000, 0))).isEmpty();
        assertThat(rules(new RiskFacts(1, 3, null, 0, 10_000, 0, 10_000, 4, 40_000, 0)))
                .containsExactly(RiskRule.SHARED_DEVICE);
        assertThat(RiskRules.evaluate(new RiskFacts(1, 3, null, 0, 10_000, 0, 10_000, 4, 40_000, 0), CONFIG))
                .extracting(RiskReason::detail).containsExactly("3 buyers used this device within PT24H");
    }

    @Test
    void aPhoneOutsideTheAddressRegionFiresWithItsReason() {
        assertThat(RiskRules.evaluate(new RiskFacts(1, 0, "phone outside calling code +86 of address region NORTH", 0,
                10_000, 0, 10_000, 4, 40_000, 0), CONFIG)).singleElement().satisfies(reason -> {
                    assertThat(reason.rule()).isEqualTo(RiskRule.PHONE_REGION_MISMATCH);
                    assertThat(reason.weight()).isEqualTo(20);
                    assertThat(reason.detail()).isEqualTo("phone outside calling code +86 of address region NORTH");
                });
    }

    @Test
    void manyCouponsFiresAtItsCount() {
        assertThat(rules(new RiskFacts(1, 0, null, 2, 10_000, 0, 10_000, 4, 40_000, 0))).isEmpty();
        assertThat(rules(new RiskFacts(1, 0, null, 3, 10_000, 0, 10_000, 4, 40_000, 0))).containsExactly(RiskRule.MANY_COUPONS);
    }

    @Test
    void aCouponHeavyFirstOrderFiresFromItsShareOnlyForAFirstOrder() {
        assertThat(rules(new RiskFacts(1, 0, null, 1, 10_000, 4_999, 5_001, 0, 0, 0))).isEmpty();
        assertThat(rules(new RiskFacts(1, 0, null, 1, 10_000, 5_000, 5_000, 0, 0, 0)))
                .containsExactly(RiskRule.COUPON_HEAVY_FIRST_ORDER);
        assertThat(rules(new RiskFacts(1, 0, null, 1, 10_000, 5_000, 5_000, 1, 5_000, 0))).isEmpty();
    }

    @Test
    void valueAboveHistoryFiresAboveTheFactorOnceTheHistoryIsLongEnough() {
        // two paid orders averaging 100.00: five times that is 500.00
        assertThat(rules(new RiskFacts(1, 0, null, 0, 50_000, 0, 50_000, 2, 20_000, 0))).isEmpty();
        assertThat(rules(new RiskFacts(1, 0, null, 0, 50_001, 0, 50_001, 2, 20_000, 0)))
                .containsExactly(RiskRule.VALUE_ABOVE_HISTORY);
        assertThat(rules(new RiskFacts(1, 0, null, 0, 90_000, 0, 90_000, 1, 10_000, 0))).isEmpty();
    }

    @Test
    void manyCancellationsFiresAtItsCount() {
        assertThat(rules(new RiskFacts(1, 0, null, 0, 10_000, 0, 10_000, 4, 40_000, 2))).isEmpty();
        assertThat(rules(new RiskFacts(1, 0, null, 0, 10_000, 0, 10_000, 4, 40_000, 3)))
                .containsExactly(RiskRule.MANY_CANCELLATIONS);
    }

    @Test
    void theScoreIsTheSumOfTheWeightsThatFired() {
        List<RiskReason> reasons = RiskRules.evaluate(new RiskFacts(3, 0, null, 3, 10_000, 6_000, 4_000, 0, 0, 3), CONFIG);
        assertThat(reasons).extracting(RiskReason::rule).containsExactly(RiskRule.SHARED_ADDRESS,
                RiskRule.MANY_COUPONS, RiskRule.COUPON_HEAVY_FIRST_ORDER, RiskRule.MANY_CANCELLATIONS);
        assertThat(RiskRules.score(reasons)).isEqualTo(40 + 30 + 30 + 30);
    }

    private static List<RiskRule> rules(RiskFacts facts) {
        return RiskRules.evaluate(facts, CONFIG).stream().map(RiskReason::rule).toList();
    }

    /** The documented defaults of {@link ReviewConfig}. */
    private static final class Defaults implements ReviewConfig {
        private static final SharedUse SHARED = new SharedUse() {
            public int weight() { return 40; }
            public int accounts() { return 3; }
            public Duration window() { return Duration.ofHours(24); }
        };

        public boolean enabled() { return true; }
        public int threshold() { return 60; }
        public Duration timeout() { return Duration.ofHours(24); }
        public String timeoutEvery() { return "1m"; }
        public Duration scoringTimeout() { return Duration.ofSeconds(2); }

        public boolean merchantDecisions() { return false; }

        public SharedUse sharedDevice() {
            return SHARED;
        }

        public PhoneRegion phoneRegion() {
            return new PhoneRegion() {
                public int weight() { return 20; }
                public String countryCallingCode() { return "86"; }
                public Map<String, String> regionCallingCodes() { return Map.of(); }
                public Map<String, String> prefixes() { return Map.of(); }
            };
        }

        public SharedUse sharedAddress() {
            return SHARED;
        }

        public Coupons coupons() {
            return new Coupons() {
                public int weight() { return 30; }
                public int count() { return 3; }
                public int firstOrderDiscountPercent() { return 50; }
            };
        }

        public ValueAboveHistory valueAboveHistory() {
            return new ValueAboveHistory() {
                public int weight() { return 30; }
                public int factor() { return 5; }
                public int minOrders() { return 2; }
            };
        }

        public Cancellations cancellations() {
            return new Cancellations() {
                public int weight() { return 30; }
                public int count() { return 3; }
                public Duration window() { return Duration.ofDays(7); }
            };
        }
    }
}
