package org.redflag.app.law;

import java.util.Optional;
import org.redflag.app.problem.ApiException;
import org.redflag.law.PolicyPack;
import org.redflag.law.PolicyPacks;
import org.redflag.source.InvalidInputException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The packs the server applies: the deployment's default ({@code redflag.policy}: a shipped pack's id or a pack
 * file, read once at start) or a shipped one named per notice.
 */
@Component
public class Packs {

    private final PolicyPack defaultPack;

    public Packs(@Value("${redflag.policy:CN}") String policy) {
        try {
            this.defaultPack = PolicyPacks.builtIn().resolve(policy);
        } catch (InvalidInputException e) {
            throw new IllegalStateException("redflag.policy=" + policy + ": " + e.getMessage(), e);
        }
    }

    /** The deployment's pack: the one notices without a pack of their own, screening and identity checks use. */
    public PolicyPack defaultPack() {
        return defaultPack;
    }

    public PolicyPack resolve(String requested, String field) {
        if (requested == null || requested.equals(defaultPack.id())) {
            return defaultPack;
        }
        Optional<PolicyPack> pack = PolicyPacks.builtIn().find(requested);
        return pack.orElseThrow(() -> ApiException.badRequest(field, "no policy pack " + requested + "; use "
                + defaultPack.id() + " or one of " + PolicyPacks.BUILT_IN));
    }

    public PolicyPack byId(String id) {
        return resolve(id, "policy");
    }
}
