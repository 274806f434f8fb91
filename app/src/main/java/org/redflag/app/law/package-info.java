/** The {@code policies} command: lists the policy packs and prints one readably. */
package org.redflag.app.law;
