/**
 * Webhooks: an account's URLs that hear, signed, of every change to the notices it is a party to (platform staff:
 * every notice), so that forwarding a notice to a seller (PRC E-Commerce Law Art. 42) or a counter-notice to the
 * right holder (Art. 43) reaches them without their asking. Deliveries are written in the change's transaction
 * and sent after it, retried with growing pauses, to public addresses only unless the deployment allows others.
 */
package org.redflag.app.webhook;
