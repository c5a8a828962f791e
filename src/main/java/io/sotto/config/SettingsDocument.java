package io.sotto.config;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The live keys of one company, number or user as stored in the catalog: a JSON object spelled as
 * in the config file ({@code {"control": "on_demand_full", "download": null, ...}}), never a token.
 *
 * @param key {@code company} for the company, the number, or the user id
 */
public record SettingsDocument(SettingsScope scope, String key, ObjectNode document) {
    public static final String COMPANY_KEY = "company";
}
