/**
 * Stock in Redis, the authority for what can be sold: one facade per Lua script (reserve, commit, release,
 * revive, stock loads, repair, the recovery fence), the Redis key layouts the scripts share ({@code InventoryKeys},
 * {@code OrderKeys}, {@code CouponKeys}), the sold-out cache and whether the stock is trusted. It sits below the
 * catalog and the order: callers pass in what it needs to know of them (e.g. a campaign's per-user limit).
 */
package io.flashorder.inventory;
