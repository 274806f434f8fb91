/**
 * The policy packs: the {@code policies} command, which lists them and prints one readably, and the packs the
 * server applies ({@link org.redflag.app.law.Packs}: the deployment's default and any other a notice names).
 */
package org.redflag.app.law;
