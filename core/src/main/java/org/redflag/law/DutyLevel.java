package org.redflag.law;

/** The platform's duty of care, graded by its business model (source paper, Table 2). */
public enum DutyLevel {
    LOW, MODERATE, HIGH;

    /** This level raised by {@code steps} levels, never above {@link #HIGH}. */
    public DutyLevel raisedBy(int steps) {
        DutyLevel[] all = values();
        return all[Math.min(all.length - 1, Math.max(0, ordinal() + steps))];
    }

    public boolean atLeast(DutyLevel other) {
        return compareTo(other) >= 0;
    }
}
