package io.flashorder.order.lifecycle;

import jakarta.validation.constraints.Size;

/** Optional body of a buyer's cancellation. */
public record CancellationRequest(@Size(max = 200) String reason) {
}
