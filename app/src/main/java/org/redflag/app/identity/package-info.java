/** The {@code link} command: which sellers are one identity with a banned seller, and why. */
package org.redflag.app.identity;
