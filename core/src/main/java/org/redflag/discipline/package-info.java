/**
 * Discipline of repeat infringers: strikes that follow the identity along the pack's ladder, and the money that
 * answers for them as double-entry postings in minor units.
 */
package org.redflag.discipline;
