package org.redflag.app.web;

import java.util.LinkedHashMap;
import java.util.Map;

/** What the API's limits (its Bean Validation annotations) refuse in a request a page's form built, by field. */
final class Refusals {

    private Refusals() {
    }

    /** Field path to "path: message", the first refusal of each field, in the validator's order. */
    static Map<String, String> of(jakarta.validation.Validator validator, Object request) {
        Map<String, String> out = new LinkedHashMap<>();
        for (var v : validator.validate(request)) {
            String field = v.getPropertyPath().toString();
            out.putIfAbsent(field, field + ": " + v.getMessage());
        }
        return out;
    }
}
