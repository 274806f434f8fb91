/**
 * Evidence: the {@code evidence} and {@code verify} commands over a ledger directory, and capture of every notice
 * and decision in the server, with bundles served per notice.
 */
package org.redflag.app.evidence;
