package io.flashorder.pricing.rules.membertier;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;
import java.util.UUID;

/** A platform member tier: buyers whose JWT carries {@link #tier} get {@link #discountBp} off. */
@Entity
@Table(name = "member_tier")
public class MemberTierRow {

    @Id
    public UUID id;
    public String tier;
    public String name;
    public int discountBp;
    public Instant createdAt;
    public Instant updatedAt;
    @Version
    public long version;
}
