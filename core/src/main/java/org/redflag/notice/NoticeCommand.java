package org.redflag.notice;

/** What someone can do to a notice; {@link #by()} says whose move it is. */
public enum NoticeCommand {
    REMOVE_LISTING(Party.PLATFORM),
    FORWARD_TO_SELLER(Party.PLATFORM),
    NOTIFY(Party.PLATFORM),
    REQUEST_MISSING_ELEMENTS(Party.PLATFORM),
    REJECT(Party.PLATFORM),
    SUPPLEMENT(Party.NOTIFIER),
    COUNTER_NOTICE(Party.SELLER),
    FORWARD_COUNTER_NOTICE(Party.PLATFORM),
    DECLARE_SUIT(Party.NOTIFIER),
    RESTORE(Party.PLATFORM),
    APPEAL(Party.SELLER_OR_NOTIFIER),
    UPHOLD(Party.PLATFORM),
    REVERSE(Party.PLATFORM);

    /** Who may give a command: the platform's reviewers, the notifier, the seller, or either party to the notice. */
    public enum Party { PLATFORM, NOTIFIER, SELLER, SELLER_OR_NOTIFIER }

    private final Party by;

    NoticeCommand(Party by) {
        this.by = by;
    }

    public Party by() {
        return by;
    }
}
