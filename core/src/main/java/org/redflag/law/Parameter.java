package org.redflag.law;

import java.util.List;

/**
 * One value of a pack with its unit, the provisions it rests on and, where the figure is a choice, a note saying so.
 *
 * @param <T> BigDecimal for numbers, Boolean for flags, String for choices
 */
public record Parameter<T>(T value, String unit, List<String> references, String note) {

    public Parameter {
        references = List.copyOf(references);
    }
}
