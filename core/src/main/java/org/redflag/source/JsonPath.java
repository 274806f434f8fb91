package org.redflag.source;

import java.util.List;
import java.util.regex.Pattern;

/** Renders a path of object keys and array indexes as a JSON path: {@code $.notices[0]['cn.ecl.art42']}. */
public final class JsonPath {

    private static final Pattern PLAIN = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private JsonPath() {
    }

    public static String of(List<?> elements) {
        StringBuilder sb = new StringBuilder("$");
        for (Object e : elements) {
            append(sb, e);
        }
        return sb.toString();
    }

    static void append(StringBuilder sb, Object element) {
        if (element instanceof Integer i) {
            sb.append('[').append(i).append(']');
        } else if (PLAIN.matcher(element.toString()).matches()) {
            sb.append('.').append(element);
        } else {
            sb.append("['").append(element.toString().replace("'", "\\'")).append("']");
        }
    }

    public static String child(String parent, Object element) {
        StringBuilder sb = new StringBuilder(parent);
        append(sb, element);
        return sb.toString();
    }
}
