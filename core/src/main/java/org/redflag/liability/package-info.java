/**
 * The liability assessment: duty of care, knowledge in tiers, necessary measures and their deadlines, the outcome,
 * erroneous notices, the judicial test, counterfactuals, and the explanation as a trace tree.
 */
package org.redflag.liability;
