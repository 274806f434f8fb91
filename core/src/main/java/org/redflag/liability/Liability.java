package org.redflag.liability;

/**
 * The platform's liability towards the right holder, least first: none; jointly with the seller for the harm that
 * grew after it should have acted (Art. 42 ECL, Art. 1195 Civil Code); jointly with the seller for the whole harm
 * (Art. 45 ECL, Art. 1197 Civil Code).
 */
public enum Liability { NOT_LIABLE, LIABLE_FOR_EXPANDED_DAMAGE, JOINTLY_LIABLE;

    public boolean liable() {
        return this != NOT_LIABLE;
    }
}
