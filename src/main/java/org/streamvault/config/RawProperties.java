package org.streamvault.config;

import org.apache.camel.CamelContext;
import org.apache.camel.component.properties.DefaultPropertiesLookup;
import org.apache.camel.component.properties.PropertiesComponent;

/**
 * Reads a setting without placeholder parsing. JSON values (upload locations) end in
 * {@code }}}, which Camel's {@code {{...}}} parser would take for the end of a placeholder;
 * such settings are read raw (still from the properties file, command-line overrides and the
 * environment, in Camel's usual order).
 */
public final class RawProperties {
    private RawProperties() {
    }

    public static String get(CamelContext camelContext, String key, String defaultValue) {
        PropertiesComponent pc = (PropertiesComponent) camelContext.getPropertiesComponent();
        String value = new DefaultPropertiesLookup(pc).lookup(key, null);
        return value == null ? defaultValue : value;
    }
}
