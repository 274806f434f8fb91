package org.redflag.notice;

import java.util.Set;
import java.util.TreeSet;

/** A command the notice's current status does not accept; it names the commands that it does. */
public class IllegalTransitionException extends RuntimeException {

    private final NoticeStatus status;
    private final NoticeCommand command;
    private final Set<NoticeCommand> allowed;

    public IllegalTransitionException(NoticeStatus status, NoticeCommand command, Set<NoticeCommand> allowed) {
        super("a notice in status " + status + " does not accept " + command + "; it accepts "
                + (allowed.isEmpty() ? "nothing more" : new TreeSet<>(allowed)));
        this.status = status;
        this.command = command;
        this.allowed = Set.copyOf(allowed);
    }

    public NoticeStatus status() {
        return status;
    }

    public NoticeCommand command() {
        return command;
    }

    public Set<NoticeCommand> allowed() {
        return allowed;
    }
}
