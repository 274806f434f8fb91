/**
 * Repeat infringers as one identity across accounts: normalised fingerprints, linking over shared strong
 * identifiers (any number of hops, hubs excluded, weak identifiers never alone), and the explanation of each link.
 */
package org.redflag.identity;
