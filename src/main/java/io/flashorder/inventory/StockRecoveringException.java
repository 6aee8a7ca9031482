package io.flashorder.inventory;

import io.flashorder.platform.error.ApiException;
import io.flashorder.platform.error.Problem;

/**
 * The stock in Redis is not trusted right now (a recovery is rebuilding it from PostgreSQL, or this pod has not
 * verified it since Redis came back): nothing was changed, and the caller may retry shortly (503, Retry-After).
 */
public class StockRecoveringException extends ApiException {

    public StockRecoveringException(String detail) {
        super(Problem.of(503, "stock-recovering", "Service unavailable", detail));
    }
}
