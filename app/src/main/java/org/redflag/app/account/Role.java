package org.redflag.app.account;

/** What an account may do. PARTNER is for the cross-platform exchange. */
public enum Role { ADMIN, REVIEWER, RIGHTS_HOLDER, SELLER, PARTNER }
