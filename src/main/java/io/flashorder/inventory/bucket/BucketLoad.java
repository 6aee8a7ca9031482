package io.flashorder.inventory.bucket;

import java.util.Map;
import java.util.UUID;

/**
 * What a bucketed campaign load did.
 *
 * @param appliedNow buckets that applied their share now (0 when the batch had been applied before)
 * @param moved      per bucket slot (1..B-1), the warehouse units moved there out of {@code {p}}, per warehouse (the
 *                   same on a replay: each move is recorded once)
 */
public record BucketLoad(int appliedNow, Map<Integer, Map<UUID, Long>> moved) {
}
