/**
 * Notice-and-takedown: intake (qualified per the pack, in any language), the guarded life of a notice, its
 * statutory clocks (persistent timers), counter-notices, appeals, bulk filing and idempotent retries.
 */
package org.redflag.app.notice;
