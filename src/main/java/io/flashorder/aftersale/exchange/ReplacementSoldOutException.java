package io.flashorder.aftersale.exchange;

import io.flashorder.platform.error.ApiException;
import io.flashorder.platform.error.Problem;

import java.util.Map;

/** No warehouse has the replacement units an exchange asks for: nothing was taken, the case stays under review. */
public class ReplacementSoldOutException extends ApiException {

    public ReplacementSoldOutException(String detail, Map<String, Object> extensions) {
        super(Problem.of(409, "replacement-sold-out", "Conflict", detail).withExtensions(extensions));
    }
}
