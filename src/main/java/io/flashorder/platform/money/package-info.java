/**
 * Exact money: {@link io.flashorder.platform.money.Money} ({@code long} minor units + ISO 4217 code),
 * basis-point percentages ({@link io.flashorder.platform.money.BasisPoints}) and the largest-remainder
 * allocator ({@link io.flashorder.platform.money.LargestRemainder}) that splits a discount or a refund into
 * parts that always sum to the whole. No floating point anywhere.
 */
package io.flashorder.platform.money;
