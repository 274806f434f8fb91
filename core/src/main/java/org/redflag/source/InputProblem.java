package org.redflag.source;

/**
 * One thing wrong with an input: where (file, line, JSON path) and what was expected.
 *
 * @param line 1-based, or 0 where unknown
 * @param path JSON path such as {@code $.notices[0].receivedAt}, or {@code $} for the whole document
 */
public record InputProblem(String file, int line, String path, String message) {

    /**
     * {@code case.json:12: $.notices[0].receivedAt: expected an ISO-8601 date ...}; a problem with the whole
     * document leaves the path out ({@code case.json:3: not valid JSON ...}, {@code case.json: no such file}).
     */
    @Override
    public String toString() {
        return file + (line > 0 ? ":" + line : "") + ": " + ("$".equals(path) ? "" : path + ": ") + message;
    }
}
