package org.redflag.law;

import java.util.Arrays;
import java.util.Optional;

/** An element a qualified notice may be required to contain; {@link #key()} is its name in case files and packs. */
public enum NoticeElement {
    RIGHTS_HOLDER_IDENTITY("rightsHolderIdentity", "the right holder's identity", "权利人的真实身份信息"),
    PROOF_OF_RIGHTS("proofOfRights", "proof of the right", "权利证明（如注册证书）"),
    LISTING_LOCATION("listingLocation", "the location of the listing", "侵权商品或信息的位置（链接）"),
    INFRINGEMENT_EVIDENCE("infringementEvidence", "prima facie evidence of infringement", "构成侵权的初步证据"),
    GOOD_FAITH_STATEMENT("goodFaithStatement", "a statement of good faith", "善意声明");

    private final String key;
    private final String english;
    private final String chinese;

    NoticeElement(String key, String english, String chinese) {
        this.key = key;
        this.english = english;
        this.chinese = chinese;
    }

    /** The element's name in English, for messages. */
    public String english() {
        return english;
    }

    /** The element's name in Chinese, for messages. */
    public String chinese() {
        return chinese;
    }

    public String key() {
        return key;
    }

    public static Optional<NoticeElement> byKey(String key) {
        return Arrays.stream(values()).filter(e -> e.key.equalsIgnoreCase(key)).findFirst();
    }
}
