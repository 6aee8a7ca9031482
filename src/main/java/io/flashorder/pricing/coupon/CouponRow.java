package io.flashorder.pricing.coupon;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/**
 * A coupon a user claimed from a template (one per user per template). Its state lives in Redis
 * ({@link CouponKeys}); {@link #mirrored} tells whether the Redis hash has been written yet.
 */
@Entity
@Table(name = "coupon")
public class CouponRow {

    @Id
    public UUID id;
    public UUID templateId;
    public String ownerUserId;
    public Instant claimedAt;
    public boolean mirrored;
}
