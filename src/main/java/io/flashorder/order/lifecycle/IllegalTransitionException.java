package io.flashorder.order.lifecycle;

import io.flashorder.order.OrderStatus;
import io.flashorder.platform.error.ApiException;
import io.flashorder.platform.error.Problem;

import java.util.Map;

/** An event that the state machine does not allow from the current status: a 409 for the client. */
public class IllegalTransitionException extends ApiException {

    public IllegalTransitionException(OrderStatus from, OrderEvent event) {
        super(Problem.of(409, "illegal-transition", "Conflict",
                        "An order in status " + from + " cannot " + event.name().toLowerCase().replace('_', ' '))
                .withExtensions(Map.of("currentStatus", from.name(), "event", event.name())));
    }
}
