package org.redflag.app.problem;

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

    /**
     * The first bad setting among an exception's causes, or null: one the server refused itself, or a value Spring
     * could not read as the type a setting takes ({@code REDFLAG_LOGIN_LOCKOUT=abc}), named from the
     * {@code @Value} it was to fill.
     */
    public static BadSetting in(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof BadSetting b) {
                return b;
            }
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof org.springframework.beans.factory.UnsatisfiedDependencyException u
                    && u.getInjectionPoint() != null
                    && u.getCause() instanceof org.springframework.beans.TypeMismatchException mismatch) {
                var value = u.getInjectionPoint()
                        .getAnnotation(org.springframework.beans.factory.annotation.Value.class);
                if (value != null) {
                    return new BadSetting(propertyOf(value.value()), "cannot read \"" + mismatch.getValue()
                            + "\" as " + kind(mismatch.getRequiredType()));
                }
            }
        }
        return null;
    }

    /** {@code redflag.login.lockout} from {@code ${redflag.login.lockout:15m}}. */
    private static String propertyOf(String expression) {
        String name = expression.startsWith("${") ? expression.substring(2) : expression;
        int end = name.indexOf(':');
        return (end >= 0 ? name.substring(0, end) : name).replace("}", "");
    }

    private static String kind(Class<?> type) {
        if (type == java.time.Duration.class) {
            return "a duration (such as 15m, 2h, 30d or PT15M)";
        }
        if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
            return "a whole number";
        }
        if (type == double.class || type == Double.class) {
            return "a number";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        return type == null ? "the setting's type" : "a " + type.getSimpleName();
    }

    /**
     * Spring Boot's report of a bad setting at start-up, thrown as such or a value Spring could not convert: what is
     * wrong and what to do, without a stack trace.
     */
    public static final class Analyzer implements org.springframework.boot.diagnostics.FailureAnalyzer {
        @Override
        public FailureAnalysis analyze(Throwable failure) {
            BadSetting cause = in(failure);
            if (cause == null) {
                return null;
            }
            String variable = cause.setting().toUpperCase(java.util.Locale.ROOT).replace('.', '_').replace('-', '_');
            return new FailureAnalysis(cause.getMessage(), "Change " + cause.setting() + " (environment variable "
                    + variable + ").", cause);
        }
    }
}
