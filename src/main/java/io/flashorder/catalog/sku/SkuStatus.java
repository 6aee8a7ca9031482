package io.flashorder.catalog.sku;

/** Whether a SKU can be ordered. An INACTIVE SKU stays in the catalog and in past orders but cannot be bought. */
public enum SkuStatus {
    ACTIVE,
    INACTIVE;

    static SkuStatus of(boolean active) {
        return active ? ACTIVE : INACTIVE;
    }
}
