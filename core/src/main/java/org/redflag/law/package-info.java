/**
 * The law as data: policy packs (versioned, immutable sets of parameters, each with the provisions it rests on),
 * provisions and citations, jurisdictions' time zones and business-day calendars.
 */
package org.redflag.law;
