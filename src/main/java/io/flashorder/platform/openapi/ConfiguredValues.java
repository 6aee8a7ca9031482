package io.flashorder.platform.openapi;

import io.flashorder.platform.FlashorderConfig;
import io.quarkus.arc.Arc;
import io.quarkus.smallrye.openapi.OpenApiFilter;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.media.Schema;

import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Map;

/**
 * Request fields whose allowed values come from configuration or the JDK carry them as an {@code enum} in the
 * schema, so a client the document generated sends nothing the service refuses. A field names its list with the
 * extension {@value #VALUES}: {@value #REGIONS} (flashorder.regions), {@value #REGIONS_OR_DEFAULT} (those and "*")
 * or {@value #CURRENCIES} (ISO 4217). Runs at start-up, with the configuration the service runs with.
 */
@OpenApiFilter(OpenApiFilter.RunStage.RUNTIME_STARTUP)
public class ConfiguredValues implements OASFilter {

    public static final String VALUES = "x-flashorder-values";
    public static final String REGIONS = "regions";
    public static final String REGIONS_OR_DEFAULT = "regions-or-default";
    public static final String CURRENCIES = "currencies";

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getComponents() == null || openAPI.getComponents().getSchemas() == null) {
            return;
        }
        List<String> regions = Arc.container().instance(FlashorderConfig.class).get().regions();
        openAPI.getComponents().getSchemas().values().forEach(schema -> fill(schema, regions));
    }

    private static void fill(Schema schema, List<String> regions) {
        Map<String, Schema> properties = schema.getProperties();
        if (properties == null) {
            return;
        }
        for (Schema property : properties.values()) {
            // Read back from the built document, an extension of a schema is one of its plain members.
            Object values = property.get(VALUES);
            if (values == null) {
                continue;
            }
            property.set(VALUES, null);
            List<Object> allowed = new ArrayList<>();
            switch (values.toString()) {
                case REGIONS -> allowed.addAll(regions);
                case REGIONS_OR_DEFAULT -> {
                    allowed.add("*");
                    allowed.addAll(regions);
                }
                case CURRENCIES -> Currency.getAvailableCurrencies().stream().map(Currency::getCurrencyCode).sorted()
                        .forEach(allowed::add);
                default -> throw new IllegalStateException("Unknown " + VALUES + " list " + values);
            }
            property.setEnumeration(allowed);
        }
    }
}
