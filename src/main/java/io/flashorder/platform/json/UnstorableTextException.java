package io.flashorder.platform.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

/**
 * A JSON string holding a character {@link StorableText} refuses. A {@link MismatchedInputException}, so Jackson
 * records the path of the field, and the problem mapper names it.
 */
public class UnstorableTextException extends MismatchedInputException {

    private final String refused;

    public UnstorableTextException(JsonParser parser, String refused) {
        super(parser, "text holds a character that cannot be stored (" + refused + ")", String.class);
        this.refused = refused;
    }

    /** Which character and where, e.g. "U+0000 at position 3". */
    public String refused() {
        return refused;
    }
}
