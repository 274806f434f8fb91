package org.redflag.app.liability;

import java.util.List;
import org.redflag.law.PlatformService;
import org.redflag.liability.CaseFacts;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The deployment's own platform as the liability assessment sees it ({@code redflag.platform.*}): its business
 * models towards the listings, whether it recommends or promotes them, and the measures it has in place.
 */
@ConfigurationProperties("redflag.platform")
public record PlatformProfile(String name, List<PlatformService> services, boolean algorithmicRecommendation,
                              boolean editorialPromotion, boolean presentsOffersAsOwn, boolean sellerIdentityVerified,
                              boolean keywordFiltering, boolean proactiveMonitoring, boolean repeatInfringerPolicy) {

    public PlatformProfile {
        name = name == null ? "this platform" : name;
        services = services == null || services.isEmpty() ? List.of(PlatformService.INFORMATION_INTERMEDIARY)
                : List.copyOf(services);
    }

    CaseFacts.Platform toFacts() {
        return new CaseFacts.Platform(name, services, algorithmicRecommendation, editorialPromotion,
                presentsOffersAsOwn, new CaseFacts.Measures(true, sellerIdentityVerified, keywordFiltering,
                proactiveMonitoring, null, repeatInfringerPolicy, false, false, false, false, false, false));
    }
}
