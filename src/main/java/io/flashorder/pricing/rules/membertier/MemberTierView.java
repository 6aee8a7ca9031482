package io.flashorder.pricing.rules.membertier;

import java.time.Instant;
import java.util.UUID;

public record MemberTierView(UUID id, String tier, String name, int discountBp, Instant createdAt,
                             Instant updatedAt, long version) {

    static MemberTierView of(MemberTierRow row) {
        return new MemberTierView(row.id, row.tier, row.name, row.discountBp, row.createdAt, row.updatedAt,
                row.version);
    }
}
