/**
 * What every feature shares and nothing else: problems ({@code error}), the HTTP edge ({@code http}), JSON, money,
 * ids, the clock, keyset paging, Redis plumbing ({@code redis}: the Lua script runner, pub/sub with resubscription),
 * SQL transactions ({@code sql}), Bean Validation settings ({@code validation}) and
 * {@link io.flashorder.platform.SharedSnapshot}. It depends on no feature.
 */
package io.flashorder.platform;
