package io.flashorder.order;

/** A stream entry or hold record that can never become an order row: unreadable or inconsistent. Not retried. */
public class MalformedOrderException extends RuntimeException {

    public MalformedOrderException(String message) {
        super(message, null, false, false);
    }
}
