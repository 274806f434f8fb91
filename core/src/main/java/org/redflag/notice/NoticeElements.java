package org.redflag.notice;

import org.redflag.law.NoticeElement;

/** Which elements of a qualified notice a notice contains; absent means not contained. */
public record NoticeElements(boolean rightsHolderIdentity, boolean proofOfRights, boolean listingLocation,
                             boolean infringementEvidence, boolean goodFaithStatement) {

    public static final NoticeElements ALL = new NoticeElements(true, true, true, true, true);
    public static final NoticeElements NONE = new NoticeElements(false, false, false, false, false);

    public boolean has(NoticeElement element) {
        return switch (element) {
            case RIGHTS_HOLDER_IDENTITY -> rightsHolderIdentity;
            case PROOF_OF_RIGHTS -> proofOfRights;
            case LISTING_LOCATION -> listingLocation;
            case INFRINGEMENT_EVIDENCE -> infringementEvidence;
            case GOOD_FAITH_STATEMENT -> goodFaithStatement;
        };
    }

    public NoticeElements without(NoticeElement element) {
        return new NoticeElements(
                rightsHolderIdentity && element != NoticeElement.RIGHTS_HOLDER_IDENTITY,
                proofOfRights && element != NoticeElement.PROOF_OF_RIGHTS,
                listingLocation && element != NoticeElement.LISTING_LOCATION,
                infringementEvidence && element != NoticeElement.INFRINGEMENT_EVIDENCE,
                goodFaithStatement && element != NoticeElement.GOOD_FAITH_STATEMENT);
    }
}
