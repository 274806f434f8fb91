package org.redflag.app.notice;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.redflag.notice.NoticeCommand;
import org.redflag.notice.NoticeElements;

/** The bodies the notice API accepts. Unknown fields are refused; every limit is stated here. */
public final class NoticeRequests {

    private NoticeRequests() {
    }

    public enum RightType { TRADEMARK, COPYRIGHT, PATENT, DESIGN }

    /** Why the notifier says the listings infringe (as Alibaba IPP's reason codes). */
    public enum ReasonCode { COUNTERFEIT, TRADEMARK_INFRINGEMENT, COPYRIGHT_INFRINGEMENT, DESIGN_INFRINGEMENT,
        PATENT_INFRINGEMENT, OTHER_IP }

    public record Right(@NotNull RightType type,
                        @NotBlank @Size(max = 500) String reference) {
    }

    /** The elements of a qualified notice the notice contains; an absent element is not contained. */
    public record Elements(boolean rightsHolderIdentity, boolean proofOfRights, boolean listingLocation,
                           boolean infringementEvidence, boolean goodFaithStatement) {
        public NoticeElements toCore() {
            return new NoticeElements(rightsHolderIdentity, proofOfRights, listingLocation, infringementEvidence,
                    goodFaithStatement);
        }

        static Elements of(NoticeElements e) {
            return new Elements(e.rightsHolderIdentity(), e.proofOfRights(), e.listingLocation(),
                    e.infringementEvidence(), e.goodFaithStatement());
        }
    }

    public record Attachment(
            @NotBlank @Size(max = 255) @Pattern(regexp = "[^/\\\\\\x00-\\x1f]+", message = "a plain file name") String fileName,
            @NotBlank @Pattern(regexp = "image/png|image/jpeg|application/pdf|text/html|text/plain",
                    message = "one of image/png, image/jpeg, application/pdf, text/html, text/plain") String contentType,
            @NotBlank @Size(max = 700_000, message = "at most 512 KiB of content (700,000 base64 characters)")
            String base64) {
    }

    public static final String LANGUAGE = "[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*";
    public static final String POLICY = "[A-Z][A-Z0-9_-]{1,31}";

    public record FileNotice(
            @Pattern(regexp = POLICY) String policy,
            @NotNull @Valid Right right,
            @NotNull @Size(min = 1, max = 300) List<@NotBlank @Size(max = 100) String> listings,
            @NotNull ReasonCode reasonCode,
            @Size(max = 35) @Pattern(regexp = LANGUAGE, message = "a BCP-47 language tag such as en, zh-Hant")
            String language,
            @Size(max = 20_000) String text,
            @NotNull @Valid Elements elements,
            @Size(max = 5) List<@NotNull @Valid Attachment> evidence) {
    }

    /** A bulk filing's notice part: everything of a notice but its listings, which come in the CSV file. */
    public record BulkNotice(
            @Pattern(regexp = POLICY) String policy,
            @NotNull @Valid Right right,
            @NotNull ReasonCode reasonCode,
            @Size(max = 35) @Pattern(regexp = LANGUAGE, message = "a BCP-47 language tag such as en, zh-Hant")
            String language,
            @Size(max = 20_000) String text,
            @NotNull @Valid Elements elements) {
    }

    public record Action(@NotNull NoticeCommand action, @Size(max = 4000) String reasons) {
    }

    public record CounterNotice(@NotBlank @Size(max = 4000) String statement,
                                @NotBlank @Size(max = 500) String contact) {
    }

    public record Suit(@NotBlank @Size(max = 200) String court, @NotBlank @Size(max = 200) String caseReference) {
    }

    public record Appeal(@NotBlank @Size(max = 4000) String grounds) {
    }

    public record Supplement(@NotNull @Valid Elements elements, @Size(max = 20_000) String text) {
    }
}
