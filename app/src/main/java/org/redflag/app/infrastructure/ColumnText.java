package org.redflag.app.infrastructure;

/**
 * Text the server writes from several parts into a column of fixed size (an audit detail, a statement's facts, a
 * reversal's reference, a flag's detail): each part is within its own limit, but together they can pass the
 * column's, and the database would refuse the row. Such text is cut to the column, visibly.
 */
public final class ColumnText {

    private ColumnText() {
    }

    /** At most {@code max} characters, ending in "…" when cut, never inside a surrogate pair. */
    public static String fit(String s, int max) {
        if (s == null || s.length() <= max) {
            return s;
        }
        int end = max - 1;
        if (Character.isLowSurrogate(s.charAt(end)) && Character.isHighSurrogate(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(0, end) + "…";
    }
}
