package io.flashorder.platform.error;

/** One invalid field of a request: where it is (a JSON path such as {@code items[1].quantity}) and what is wrong. */
public record FieldViolation(String field, String message) {
}
