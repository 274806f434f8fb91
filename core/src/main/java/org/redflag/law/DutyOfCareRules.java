package org.redflag.law;

import java.util.List;
import java.util.Map;

/** Table 2 of the source paper as a pack's data: the duty each business model carries, and what raises it. */
public record DutyOfCareRules(
        Map<PlatformService, ServiceDuty> services,
        Parameter<java.math.BigDecimal> activeInterventionRaisesBy,
        Parameter<Boolean> activeRoleLosesSafeHarbour,
        List<Obligation> activeInterventionObligations,
        List<String> offersAsOwnReferences,
        List<Obligation> safeHarbourPrerequisites) {

    public DutyOfCareRules {
        services = Map.copyOf(services);
        activeInterventionObligations = List.copyOf(activeInterventionObligations);
        offersAsOwnReferences = List.copyOf(offersAsOwnReferences);
        safeHarbourPrerequisites = List.copyOf(safeHarbourPrerequisites);
    }

    /** The duty a business model carries, its obligations and the conditions that exempt it. */
    public record ServiceDuty(DutyLevel level, List<String> references, List<Obligation> obligations,
                              List<Exemption> exemptions) {
        public ServiceDuty {
            references = List.copyOf(references);
            obligations = List.copyOf(obligations);
            exemptions = List.copyOf(exemptions);
        }
    }

    /** A condition under which Table 2 exempts a platform of that model. */
    public record Exemption(ExemptionCondition condition, String text, List<String> references) {
        public Exemption {
            references = List.copyOf(references);
        }
    }

    public enum ExemptionCondition { PROMPT_REMOVAL, SUPPLY_CHAIN_TRACEABILITY, MONITORING_SYSTEM_UPDATED, COMPENSATION_DEPOSIT }
}
