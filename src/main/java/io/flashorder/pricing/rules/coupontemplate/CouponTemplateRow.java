package io.flashorder.pricing.rules.coupontemplate;

import io.flashorder.pricing.model.CouponKind;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;
import java.util.UUID;

/**
 * A coupon template: platform-wide ({@link #merchantId} null) or one merchant's. Users claim coupons from it
 * while it is active and has not ended, at most {@link #totalQuantity} in all.
 */
@Entity
@Table(name = "coupon_template")
public class CouponTemplateRow {

    @Id
    public UUID id;
    public UUID merchantId;
    public String name;
    @Enumerated(EnumType.STRING)
    public CouponKind kind;
    /** FIXED only. */
    public Long amount;
    /** PERCENT only. */
    public Integer percentBp;
    /** PERCENT only; null means uncapped. */
    public Long percentCap;
    public Long minSpend;
    public String currency;
    public Instant startsAt;
    public Instant endsAt;
    public int totalQuantity;
    /** Claims so far. Only the claim's conditional UPDATE changes it, never a flush of this entity. */
    @Column(insertable = true, updatable = false)
    public int issued;
    public boolean active;
    public Instant createdAt;
    public Instant updatedAt;
    @Version
    public long version;
}
