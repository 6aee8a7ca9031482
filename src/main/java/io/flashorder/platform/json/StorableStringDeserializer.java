package io.flashorder.platform.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.type.LogicalType;

import java.io.IOException;

/**
 * Reads every JSON string the service binds: a JSON string whose text {@link StorableText} accepts, or null.
 * Numbers, booleans, objects and arrays are not coerced into text.
 */
public class StorableStringDeserializer extends StdScalarDeserializer<String> {

    public StorableStringDeserializer() {
        super(String.class);
    }

    @Override
    public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
        if (parser.hasToken(JsonToken.VALUE_STRING)) {
            String text = parser.getText();
            int refused = StorableText.firstRefused(text);
            if (refused >= 0) {
                throw new UnstorableTextException(parser, StorableText.describeRefused(text, refused));
            }
            return text;
        }
        return (String) context.handleUnexpectedToken(String.class, parser);
    }

    @Override
    public LogicalType logicalType() {
        return LogicalType.Textual;
    }

    @Override
    public boolean isCachable() {
        return true;
    }
}
