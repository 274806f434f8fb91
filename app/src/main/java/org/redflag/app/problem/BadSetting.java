package org.redflag.app.problem;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * A setting the server cannot start with (an environment variable or property such as
 * {@code REDFLAG_IDENTITY_INDEX}), named with what it accepts: {@code redflag serve} says so in one line and exits 2,
 * and Spring Boot reports it as a failure analysis rather than a stack trace.
 */
public final class BadSetting extends IllegalStateException {

    private final String setting;

    public BadSetting(String setting, String message) {
        super(setting + ": " + message);
        this.setting = setting;
    }

    public String setting() {
        return setting;
    }

    /** The first bad setting among an exception's causes, or null. */
    public static BadSetting in(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof BadSetting b) {
                return b;
            }
        }
        return null;
    }

    /** Spring Boot's report of a bad setting at start-up: what is wrong and what to do, without a stack trace. */
    public static final class Analyzer extends AbstractFailureAnalyzer<BadSetting> {
        @Override
        protected FailureAnalysis analyze(Throwable root, BadSetting cause) {
            String variable = cause.setting().toUpperCase(java.util.Locale.ROOT).replace('.', '_').replace('-', '_');
            return new FailureAnalysis(cause.getMessage(), "Change " + cause.setting() + " (environment variable "
                    + variable + ").", cause);
        }
    }
}
