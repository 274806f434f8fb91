package org.redflag.liability;

/** Whether the platform keeps the intermediary exemption: kept, lost by its conduct, or never available to it. */
public enum SafeHarbour { RETAINED, LOST, UNAVAILABLE }
