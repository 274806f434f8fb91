package org.redflag.app.server;

import java.sql.SQLException;

/**
 * Why the server could not start, said as what the user can change, when it is theirs to change: the port taken by
 * another program, a database that cannot be reached, refuses the user or does not exist, a data directory (its
 * database or its evidence ledger) another server holds. Anything else is not recognised here (null) and stays an internal error.
 */
public final class StartupProblems {

    private StartupProblems() {
    }

    /**
     * @param port the port asked for
     * @param bind the address asked for
     * @param database how the database was named to the user (the JDBC URL, or the data directory of the embedded
     *                 one)
     * @param embedded whether it is the embedded database (its settings are --data, not --db-url)
     */
    static String of(Throwable e, int port, String bind, String database, boolean embedded) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.net.BindException
                    || t.getClass().getName().equals("org.springframework.boot.web.server.PortInUseException")) {
                return "--port: " + bind + ":" + port + " is already in use by another program; stop it, or choose"
                        + " another port (--port 0 picks a free one)";
            }
            if (t instanceof org.redflag.evidence.Ledger.InUse inUse) {
                return "--data: " + inUse.getMessage() + " (is another Redflag server running with this data"
                        + " directory?)";
            }
            if (t instanceof SQLException sql) {
                String problem = database(sql, database, embedded);
                if (problem != null) {
                    return problem;
                }
            }
        }
        return null;
    }

    /** What a database error at start-up means for the user's settings, or null when it is not theirs to change. */
    private static String database(SQLException sql, String database, boolean embedded) {
        String state = sql.getSQLState();
        if (state == null) {
            return null;
        }
        String what = firstLine(sql.getMessage());
        if (embedded && state.equals("90020")) { // H2: the file is locked by another process
            return "--data: the database in " + database + " is in use by another program (is another Redflag"
                    + " server running on it?); stop it, or give another --data directory";
        }
        if (state.startsWith("08")) { // connection exception
            return "--db-url: cannot connect to " + database + ": " + what;
        }
        if (state.startsWith("28")) { // invalid authorization
            return "--db-user/--db-password: " + database + " refused the login: " + what;
        }
        if (state.equals("3D000")) { // invalid catalog name: no such database
            return "--db-url: " + what + " (" + database + "); create it first with CREATE DATABASE, or name one"
                    + " that exists";
        }
        return null;
    }

    /** The database errors {@link #database} recognises, whatever the deployment's settings. */
    private static boolean recognised(SQLException sql) {
        return database(sql, "", true) != null;
    }

    /**
     * Spring Boot's report of a database the server cannot use at start-up: what the database said and what to
     * change, in place of a stack trace in the log ({@code redflag serve} then says it in one line and exits 2).
     */
    public static final class DatabaseAnalyzer
            extends org.springframework.boot.diagnostics.AbstractFailureAnalyzer<SQLException> {
        @Override
        protected org.springframework.boot.diagnostics.FailureAnalysis analyze(Throwable root, SQLException cause) {
            for (Throwable t = cause; t != null; t = t.getCause()) {
                if (t instanceof SQLException sql && recognised(sql)) {
                    return new org.springframework.boot.diagnostics.FailureAnalysis("The database cannot be used: "
                            + firstLine(sql.getMessage()) + " (SQL state " + sql.getSQLState() + ").",
                            "Check the database settings (--db-url, --db-user, --db-password, or REDFLAG_DB_URL,"
                                    + " REDFLAG_DB_USER, REDFLAG_DB_PASSWORD), or, for the embedded database, that no"
                                    + " other server uses the --data directory.", sql);
                }
            }
            return null;
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "no reason given";
        }
        int end = message.indexOf('\n');
        String line = (end < 0 ? message : message.substring(0, end)).trim();
        line = line.startsWith("FATAL: ") ? line.substring("FATAL: ".length()) : line; // PostgreSQL's severity
        return line.endsWith(".") ? line.substring(0, line.length() - 1) : line;
    }
}
