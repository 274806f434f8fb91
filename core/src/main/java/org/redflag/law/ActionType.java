package org.redflag.law;

/** What a platform can do about a listing, a notice or an account. */
public enum ActionType {
    REMOVE_LISTING, FORWARD_NOTICE, NOTIFY_SELLER, RESTRICT_ACCOUNT, TERMINATE_ACCOUNT, FREEZE_FUNDS, REJECT_NOTICE,
    RESTORE_LISTING, NO_ACTION;

    /** Lower-case words for prose: "remove listing". */
    public String words() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
    }
}
