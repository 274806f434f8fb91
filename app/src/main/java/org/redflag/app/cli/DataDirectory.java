package org.redflag.app.cli;

import java.nio.file.Path;

/** Where the server keeps its data when not told: {@code $REDFLAG_HOME/data}, else {@code ./data}. */
public final class DataDirectory {

    private DataDirectory() {
    }

    /** {@code given} if there is one, else the default. */
    public static Path orDefault(Path given) {
        if (given != null) {
            return given;
        }
        String home = System.getenv("REDFLAG_HOME");
        return home != null && !home.isBlank() ? Path.of(home, "data") : Path.of("data");
    }
}
