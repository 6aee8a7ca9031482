package io.flashorder.fulfilment;

import io.flashorder.platform.error.ApiException;

import java.util.Map;

/** Problems shared by the fulfilment steps. */
final class Transitions {

    private Transitions() {
    }

    /** Another actor changed the merchant order between our read and our guarded update. */
    static ApiException lost(MerchantOrderRef ref) {
        return ApiException.conflict("transition-lost",
                "Merchant order " + ref.id() + " was changed by someone else; reload it",
                Map.of("merchantOrderId", ref.id()));
    }
}
