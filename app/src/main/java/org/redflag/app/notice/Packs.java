package org.redflag.app.notice;

import java.util.Optional;
import org.redflag.app.server.ApiException;
import org.redflag.law.PolicyPack;
import org.redflag.law.PolicyPacks;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/** The packs the server applies: the deployment's default ({@code redflag.policy}) or a shipped one named per notice. */
@Component
public class Packs {

    private final String defaultId;

    public Packs(@Value("${redflag.policy:CN}") String defaultId) {
        if (PolicyPacks.builtIn().find(defaultId).isEmpty()) {
            throw new IllegalStateException("redflag.policy=" + defaultId + " is no shipped pack; use one of "
                    + PolicyPacks.BUILT_IN);
        }
        this.defaultId = defaultId;
    }

    public PolicyPack resolve(String requested, String field) {
        String id = requested == null ? defaultId : requested;
        Optional<PolicyPack> pack = PolicyPacks.builtIn().find(id);
        return pack.orElseThrow(() -> ApiException.badRequest(field, "no policy pack " + id + "; use one of "
                + PolicyPacks.BUILT_IN));
    }

    public PolicyPack byId(String id) {
        return resolve(id, "policy");
    }
}
