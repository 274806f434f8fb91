package org.redflag.law;

import java.util.Arrays;
import java.util.Optional;

/** An element a qualified notice may be required to contain; {@link #key()} is its name in case files and packs. */
public enum NoticeElement {
    RIGHTS_HOLDER_IDENTITY("rightsHolderIdentity"),
    PROOF_OF_RIGHTS("proofOfRights"),
    LISTING_LOCATION("listingLocation"),
    INFRINGEMENT_EVIDENCE("infringementEvidence"),
    GOOD_FAITH_STATEMENT("goodFaithStatement");

    private final String key;

    NoticeElement(String key) {
        this.key = key;
    }

    public String key() {
        return key;
    }

    public static Optional<NoticeElement> byKey(String key) {
        return Arrays.stream(values()).filter(e -> e.key.equalsIgnoreCase(key)).findFirst();
    }
}
