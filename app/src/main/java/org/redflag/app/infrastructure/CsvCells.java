package org.redflag.app.infrastructure;

/**
 * Text for a cell of a CSV file that people open in a spreadsheet. A cell starting with {@code = + - @}, a tab or a
 * carriage return is taken for a formula by Excel and LibreOffice; text written by a party (reasons, a notice's
 * text) could run one on the reader's machine. Such text gets a leading apostrophe, which spreadsheets show as
 * text and do not evaluate (OWASP, "CSV Injection").
 */
public final class CsvCells {

    private CsvCells() {
    }

    /** The text as a cell that no spreadsheet evaluates; null stays null. */
    public static String text(String value) {
        if (value == null || value.isEmpty()) {
            return value;
        }
        char c = value.charAt(0);
        return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r' ? "'" + value : value;
    }
}
