package org.redflag.app.account;

/** Who is acting: an account, or the system itself (the scheduler). */
public record Actor(long accountId, String username, Role role) {

    /** The scheduler acting on deadlines and waiting periods. */
    public static final Actor SYSTEM = new Actor(0, "system", Role.ADMIN);

    public boolean isSystem() {
        return accountId == 0;
    }

    public boolean platformStaff() {
        return role == Role.ADMIN || role == Role.REVIEWER;
    }
}
